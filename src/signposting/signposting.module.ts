import { Module } from '@nestjs/common';
import { SignpostingController } from './signposting.controller.js';

/** Signposting elsewhere: the list advisors choose from when another organisation is the right one. */
@Module({ controllers: [SignpostingController] })
export class SignpostingModule {}
