import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { User, UserSessionsService } from '@app/identity';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { AccessTokenDto } from './login.dto';

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: UserSessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A short-lived token naming the user, their session version (`ver`: signing out everywhere
   * ends it) and its own session row (`sid`: the person can end this token alone).
   */
  async issue(
    user: Pick<User, 'id' | 'organisationId' | 'sessionVersion'>,
    request: { ip: string | null; userAgent: string | null },
  ): Promise<AccessTokenDto> {
    const sessionId = await this.sessions.start({
      userId: user.id,
      organisationId: user.organisationId,
      kind: 'token',
      ttlSeconds: this.config.jwtTtlSeconds,
      ...request,
    });
    const accessToken = this.jwt.sign(
      { sub: user.id, ver: user.sessionVersion, sid: sessionId },
      { expiresIn: this.config.jwtTtlSeconds },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds };
  }
}
