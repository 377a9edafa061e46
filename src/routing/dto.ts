import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class SuggestTopicDto {
  @ApiProperty({
    example: 'There is a huge pothole outside the school on Mill Lane',
    description: 'The enquiry’s words: subject, description, first chat messages or e-mail body',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  text: string;
}

export class TopicSuggestionDto {
  @ApiProperty({ example: 'highways' }) service: string;
  @ApiProperty({ example: 'Highways Service' }) serviceName: string;
  @ApiProperty({ example: 0.82, description: 'The service’s share of the evidence found, 0 to 1' }) confidence: number;
  @ApiProperty({ example: ['pothole'], description: 'The words and phrases that led to it' }) reasons: string[];
}

export class TopicSuggestionsDto {
  @ApiProperty({ type: [TopicSuggestionDto], description: 'Best first; empty when nothing points anywhere' })
  suggestions: TopicSuggestionDto[];
}

export class ConfirmTopicDto {
  @ApiProperty({
    example: 'highways',
    description: 'The code of the service the enquiry is for: the first suggestion (a confirmation) or another (a correction)',
  })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'service must be a service code' })
  @MaxLength(100)
  service: string;
}

export class RoutingCorrectionDto {
  @ApiProperty({ example: 'blue-badge', description: 'What was suggested first' }) suggested: string;
  @ApiProperty({ example: 'adults-social-care', description: 'What the advisor chose instead' }) chosen: string;
  @ApiProperty() count: number;
}

export class RoutingSummaryDto {
  @ApiProperty({ description: 'Enquiries whose service an advisor confirmed, corrected or escalated to' }) decisions: number;
  @ApiProperty({ description: 'Of those, how many went elsewhere than the first suggestion' }) corrected: number;
  @ApiProperty({ nullable: true, description: 'Share of decisions where the first suggestion was right' }) firstSuggestionRight:
    number | null;
  @ApiProperty({ description: 'Confirmed enquiries the model has learnt from' }) trainedOn: number;
  @ApiProperty({ description: 'The model’s share in suggestions now (0 until it has learnt from 20)' }) modelWeight: number;
  @ApiProperty({ type: [RoutingCorrectionDto] }) corrections: RoutingCorrectionDto[];
}
