import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UTC_READER_ZONE } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import { readerZone } from './reader-zone';

interface ZoneRow {
  user_time_zone: string | null;
  organisation_time_zone: string | null;
  organisation_country_code: string | null;
  country_codes: string[] | null;
}

/**
 * The time zone a person reads times in, for mails and emailed-link pages: the person's own
 * (when the address belongs to a user), else the organisation's the mail was sent for.
 */
@Injectable()
export class ReaderZones {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ofUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    return this.one(manager, 'u.id = $1', [userId]);
  }

  /** `organisationId`: whose zone applies when the address is no user's (an outside signer). */
  async ofEmail(
    email: string,
    organisationId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const zone = await this.one(manager, 'u.email = lower($1)', [email], null);
    if (zone !== null) return zone;
    return organisationId ? this.ofOrganisation(organisationId, manager) : UTC_READER_ZONE;
  }

  async ofOrganisation(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const [row] = (await manager.query(
      `SELECT time_zone AS organisation_time_zone, country_code AS organisation_country_code FROM organisation WHERE id = $1`,
      [organisationId],
    )) as ZoneRow[];
    return readerZone({
      userTimeZone: null,
      countryCodes: [],
      organisationTimeZone: row?.organisation_time_zone ?? null,
      organisationCountryCode: row?.organisation_country_code ?? null,
    });
  }

  private async one(manager: EntityManager, where: string, params: unknown[]): Promise<string>;
  private async one(
    manager: EntityManager,
    where: string,
    params: unknown[],
    missing: null,
  ): Promise<string | null>;
  private async one(
    manager: EntityManager,
    where: string,
    params: unknown[],
    missing: string | null = UTC_READER_ZONE,
  ): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT u.time_zone AS user_time_zone, o.time_zone AS organisation_time_zone, o.country_code AS organisation_country_code,
              array_remove(array_agg(m.country_code), NULL) AS country_codes
         FROM app_user u
         LEFT JOIN organisation o ON o.id = u.organisation_id
         LEFT JOIN membership m ON m.user_id = u.id
        WHERE ${where}
        GROUP BY u.id, o.id`,
      params,
    )) as ZoneRow[];
    if (!row) return missing;
    return readerZone({
      userTimeZone: row.user_time_zone,
      countryCodes: row.country_codes ?? [],
      organisationTimeZone: row.organisation_time_zone,
      organisationCountryCode: row.organisation_country_code,
    });
  }
}
