import type { ChannelAnnouncement } from '@app/notify';
import { channelMessageContent } from './channel-message-content';
import {
  channelMessage,
  slackMessage,
  teamsAdaptiveCard,
  teamsMessageCard,
} from './channel-message-format';
import { teamsFormatOf } from './teams-format';
import { urlHint } from './channel-urls';

const incident: ChannelAnnouncement = {
  event: 'incident_opened',
  key: 'e1',
  customerName: 'Sakura <Manufacturing> & Co',
  title: { ja: '横展開', en: 'Lateral <movement>', zh: '横向移动' },
  path: '/engagements/x/incidents/y',
  severity: 'critical',
  detail: 'opened',
};
const LINK = 'https://portal.example/engagements/x/incidents/y';

describe('channel messages', () => {
  it('writes Slack blocks with mrkdwn control characters escaped and a plain fallback text', () => {
    const message = slackMessage(channelMessageContent(incident, 'en', LINK)) as {
      text: string;
      blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[];
    };
    expect(message.text).toBe('Incident opened: Lateral <movement> (Sakura <Manufacturing> & Co)');
    const section = message.blocks.find((b) => b.type === 'section');
    expect(section?.text?.text).toBe('*Lateral &lt;movement&gt;*');
    expect(section?.fields?.map((f) => f.text)).toEqual([
      '*Customer*\nSakura &lt;Manufacturing&gt; &amp; Co',
      '*Severity*\ncritical',
    ]);
    expect(JSON.stringify(message.blocks)).toContain(LINK);
  });

  it('writes a Teams MessageCard in the channel’s language', () => {
    expect(teamsMessageCard(channelMessageContent(incident, 'zh', LINK))).toEqual({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: '事件已创建: 横向移动',
      themeColor: 'B42318',
      title: '事件已创建',
      sections: [
        {
          activityTitle: '横向移动',
          facts: [
            { name: '客户', value: 'Sakura <Manufacturing> & Co' },
            { name: '严重程度', value: 'critical' },
          ],
        },
      ],
      potentialAction: [
        { '@type': 'OpenUri', name: '在门户中打开', targets: [{ os: 'default', uri: LINK }] },
      ],
    });
  });

  it('writes a Teams Workflows message: one Adaptive Card 1.4 attachment, the title as a TextRun', () => {
    expect(teamsAdaptiveCard(channelMessageContent(incident, 'en', LINK))).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              {
                type: 'TextBlock',
                text: 'Incident opened',
                weight: 'Bolder',
                size: 'Medium',
                color: 'Attention',
                wrap: true,
              },
              { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Lateral <movement>' }] },
              {
                type: 'FactSet',
                facts: [
                  { title: 'Customer', value: 'Sakura <Manufacturing> & Co' },
                  { title: 'Severity', value: 'critical' },
                ],
              },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Open in the portal', url: LINK }],
          },
        },
      ],
    });
  });

  it('lets a Teams URL decide the format: connectors get a MessageCard, Workflows an Adaptive Card', () => {
    const format = (url: string) => teamsFormatOf(new URL(url));
    expect(format('https://contoso.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d')).toBe(
      'message_card',
    );
    expect(format('https://outlook.office.com/webhook/a@b/IncomingWebhook/c/d')).toBe(
      'message_card',
    );
    expect(format('https://127.0.0.1:8443/webhookb2/x')).toBe('message_card');
    expect(
      format(
        'https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s',
      ),
    ).toBe('adaptive_card');
    expect(
      format(
        'https://default0123.45.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/abc/triggers/manual/paths/invoke?sig=s',
      ),
    ).toBe('adaptive_card');
    // A look-alike host is not a connector.
    expect(format('https://webhook.office.com.attacker.example/webhook/x')).toBe('adaptive_card');
    const workflows = new URL('https://prod-1.westus.logic.azure.com/workflows/abc');
    expect(channelMessage('teams', workflows, incident, 'ja', LINK)).toMatchObject({
      type: 'message',
    });
    expect(channelMessage('slack', workflows, incident, 'ja', LINK)).toHaveProperty('blocks');
  });

  it('hints at a URL by its host and last characters only', () => {
    expect(urlHint(new URL('https://hooks.slack.com/services/T0/B0/abcdefSECRET'))).toBe(
      'hooks.slack.com/…CRET',
    );
  });
});
