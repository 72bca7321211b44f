import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SessionClaim } from '@app/identity';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { AccessTokenDto } from './login.dto';

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A short-lived token naming the user and their session version (`ver`), so sign-out ends it. */
  issue(claim: SessionClaim): AccessTokenDto {
    const accessToken = this.jwt.sign({ sub: claim.userId, ver: claim.sessionVersion }, { expiresIn: this.config.jwtTtlSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds };
  }
}
