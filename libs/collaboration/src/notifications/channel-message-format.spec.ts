import type { ChannelAnnouncement } from '@app/notify';
import { slackMessage, teamsMessage } from './channel-message-format';
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
    const message = slackMessage(incident, 'en', LINK) as {
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
    expect(teamsMessage(incident, 'zh', LINK)).toEqual({
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

  it('hints at a URL by its host and last characters only', () => {
    expect(urlHint(new URL('https://hooks.slack.com/services/T0/B0/abcdefSECRET'))).toBe(
      'hooks.slack.com/…CRET',
    );
  });
});
