import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

/** A call ringing at an advisor's phone, pushed by the telephony platform before the advisor answers. */
export class RingingCallDto {
  @ApiProperty({ description: 'The platform’s id of the call: the call log that follows carries the same.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  callId: string;

  @ApiProperty({ example: '+447700900123' })
  @IsString()
  @MaxLength(40)
  @Matches(/^[+\d][\d\s().-]{2,}$/, { message: 'callerNumber must be a telephone number' })
  callerNumber: string;

  @ApiProperty({ description: 'The answering advisor’s Signpost login (their e-mail address)', example: 'advisor@lancashire.demo' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'agent must be the advisor’s login e-mail address' })
  agent: string;
}

/** What the telephony platform is told: no personal data. */
export class RingingAcceptedDto {
  @ApiProperty({ description: 'How many earlier contacts of the caller the advisor was shown (0 for an unknown number)' })
  earlierContacts: number;
}

/** The enquiry a call is about, chosen by the advisor it rang at. */
export class LinkCallDto {
  @ApiProperty({
    format: 'uuid',
    description: 'An enquiry of your organisation: one you just created for the call, or one of the caller’s open enquiries',
  })
  @IsUUID()
  enquiryId: string;
}

export class CallLinkDto {
  @ApiProperty() callId: string;
  @ApiProperty({ format: 'uuid' }) enquiryId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ description: 'Whether the call log had already arrived (and is on that enquiry)' }) logged: boolean;
}
