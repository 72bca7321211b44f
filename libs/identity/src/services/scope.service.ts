import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { User } from '../entities/user.entity';
import { ScopeGrant } from '../scope/access-scope';

/** Builds a signed-in user's grant from the database on each request, so revocation is immediate. */
@Injectable()
export class ScopeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async grantFor(userId: string): Promise<ScopeGrant | null> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: userId } });
    if (!user) return null;
    const memberships = await this.dataSource.getRepository(Membership).find({ where: { userId } });
    if (memberships.length === 0) return null;
    const organisation = user.organisationId
      ? await this.dataSource.getRepository(Organisation).findOne({ where: { id: user.organisationId } })
      : null;
    return {
      userId: user.id,
      email: user.email,
      organisationId: user.organisationId,
      organisationKind: organisation?.kind ?? null,
      roles: [...new Set(memberships.map((m) => m.role))],
      countryCodes: memberships.flatMap((m) => (m.countryCode ? [m.countryCode] : [])),
      language: user.language,
    };
  }
}
