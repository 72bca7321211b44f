import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min } from 'class-validator';

/** A site's network figures (bandwidth survey). */
export class SiteFiguresDto {
  @ApiProperty({ example: 100, description: 'link bandwidth, Mbps' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(1_000_000)
  linkMbps: number;

  @ApiProperty({
    example: 20,
    description: 'share (%) of what peak use leaves free that updates may take',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(100)
  updateSharePercent: number;

  @ApiProperty({ example: 60, description: 'current peak use, Mbps' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  peakUseMbps: number;

  @ApiProperty({ example: 150, description: 'EDR sensor package size, MB' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(100_000)
  packageSizeMb: number;

  @ApiProperty({ example: 2, description: 'the rate one sensor download needs, Mbps' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(100_000)
  downloadMbps: number;
}
