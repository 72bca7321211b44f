import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { CHANNEL_EVENTS, CHANNEL_PROVIDERS } from '@app/notify';

/** A new Slack or Teams channel of an engagement; the URL's host is checked by the service. */
export class NotificationChannelDto {
  @ApiProperty({ enum: CHANNEL_PROVIDERS })
  @IsIn(CHANNEL_PROVIDERS)
  provider!: string;

  @ApiProperty({ maxLength: 100, example: '#sakura-mdr' })
  @IsString()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: ['ja', 'en', 'zh'], description: 'The language messages are written in' })
  @IsIn(['ja', 'en', 'zh'])
  language!: string;

  @ApiProperty({
    description:
      'The incoming-webhook URL: https to a public host (e.g. hooks.slack.com, *.webhook.office.com); stored encrypted and never shown back',
  })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: CHANNEL_EVENTS, isArray: true })
  @IsArray()
  @IsIn(CHANNEL_EVENTS, { each: true })
  events!: string[];
}
