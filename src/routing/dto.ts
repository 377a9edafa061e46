import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SuggestTopicDto {
  @ApiProperty({ example: 'There is a huge pothole outside the school on Mill Lane', description: 'The enquiry’s words: subject, description, first chat messages or e-mail body' })
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
  @ApiProperty({ type: [TopicSuggestionDto], description: 'Best first; empty when nothing points anywhere' }) suggestions: TopicSuggestionDto[];
}
