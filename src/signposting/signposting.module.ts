import { Module } from '@nestjs/common';
import { SignpostingController } from './signposting.controller.js';
import { SignpostingDestinations } from './signposting-destinations.js';

/** Signposting elsewhere: the list advisors choose from when another organisation is the right one. */
@Module({ controllers: [SignpostingController], providers: [SignpostingDestinations], exports: [SignpostingDestinations] })
export class SignpostingModule {}
