import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';

export class SendDomainConfirmationDto {
  @ApiProperty({
    type: [String],
    example: ['security@sakura.example'],
    description: "Addresses in the customer's declared email domains",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(254, { each: true })
  recipients: string[];
}
