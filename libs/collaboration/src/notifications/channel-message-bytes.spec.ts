import type { ChannelAnnouncement } from '@app/notify';
import { channelMessageContent } from './channel-message-content';
import { slackMessage, teamsAdaptiveCard, teamsMessageCard } from './channel-message-format';

// The three formats as they were posted before one content description fed three renderers:
// captured byte for byte (JSON.stringify, as the handler posts them), so any change a renderer
// makes to what a receiver gets fails here.
const SAMPLES: { name: string; language: 'ja' | 'en' | 'zh'; announcement: ChannelAnnouncement }[] =
  [
    {
      name: 'incident opened, severity, characters to escape (en)',
      language: 'en',
      announcement: {
        event: 'incident_opened',
        key: 'e1',
        customerName: 'Sakura <Manufacturing> & Co',
        title: { ja: '横展開 *強調*', en: 'Lateral <movement> *bold* _x_', zh: '横向移动' },
        path: '/engagements/x/incidents/y',
        severity: 'critical',
        detail: 'opened',
      },
    },
    {
      name: 'incident updated (zh)',
      language: 'zh',
      announcement: {
        event: 'incident_updated',
        key: 'e2',
        customerName: '樱花制造',
        title: { ja: '横展開', en: 'Lateral movement', zh: '横向移动 "引号"' },
        path: '/engagements/x/incidents/y',
        severity: 'high',
        detail: 'status_changed',
      },
    },
    {
      name: 'step opened, no severity (ja)',
      language: 'ja',
      announcement: {
        event: 'step_opened',
        key: 's1',
        customerName: 'さくら製作所',
        title: { ja: 'センサー配備', en: 'Sensor deployment', zh: '传感器部署' },
        path: '/onboardings/o1',
      },
    },
    {
      name: 'step approved (en)',
      language: 'en',
      announcement: {
        event: 'step_approved',
        key: 's2',
        customerName: 'Northwind',
        title: { ja: '承認', en: 'Scope & contacts', zh: '范围' },
        path: '/onboardings/o1',
      },
    },
    {
      name: 'approval requested (zh)',
      language: 'zh',
      announcement: {
        event: 'approval_requested',
        key: 'a1',
        customerName: 'Northwind',
        title: { ja: '隔離', en: 'Isolate host', zh: '隔离主机' },
        path: '/engagements/x/incidents/y',
        severity: 'medium',
      },
    },
  ];
const LINK = 'https://portal.example/engagements/x/incidents/y';

const BEFORE: Record<string, { slack: string; messageCard: string; adaptiveCard: string }> = {
  'incident opened, severity, characters to escape (en)': {
    slack:
      '{"text":"Incident opened: Lateral <movement> *bold* _x_ (Sakura <Manufacturing> & Co)","blocks":[{"type":"header","text":{"type":"plain_text","text":"Incident opened"}},{"type":"section","text":{"type":"mrkdwn","text":"*Lateral &lt;movement&gt; *bold* _x_*"},"fields":[{"type":"mrkdwn","text":"*Customer*\\nSakura &lt;Manufacturing&gt; &amp; Co"},{"type":"mrkdwn","text":"*Severity*\\ncritical"}]},{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Open in the portal"},"url":"https://portal.example/engagements/x/incidents/y"}]}]}',
    messageCard:
      '{"@type":"MessageCard","@context":"https://schema.org/extensions","summary":"Incident opened: Lateral <movement> *bold* _x_","themeColor":"B42318","title":"Incident opened","sections":[{"activityTitle":"Lateral <movement> *bold* _x_","facts":[{"name":"Customer","value":"Sakura <Manufacturing> & Co"},{"name":"Severity","value":"critical"}]}],"potentialAction":[{"@type":"OpenUri","name":"Open in the portal","targets":[{"os":"default","uri":"https://portal.example/engagements/x/incidents/y"}]}]}',
    adaptiveCard:
      '{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"Incident opened","weight":"Bolder","size":"Medium","color":"Attention","wrap":true},{"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"Lateral <movement> *bold* _x_"}]},{"type":"FactSet","facts":[{"title":"Customer","value":"Sakura <Manufacturing> & Co"},{"title":"Severity","value":"critical"}]}],"actions":[{"type":"Action.OpenUrl","title":"Open in the portal","url":"https://portal.example/engagements/x/incidents/y"}]}}]}',
  },
  'incident updated (zh)': {
    slack:
      '{"text":"事件已更新: 横向移动 \\"引号\\" (樱花制造)","blocks":[{"type":"header","text":{"type":"plain_text","text":"事件已更新"}},{"type":"section","text":{"type":"mrkdwn","text":"*横向移动 \\"引号\\"*"},"fields":[{"type":"mrkdwn","text":"*客户*\\n樱花制造"},{"type":"mrkdwn","text":"*严重程度*\\nhigh"}]},{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"在门户中打开"},"url":"https://portal.example/engagements/x/incidents/y"}]}]}',
    messageCard:
      '{"@type":"MessageCard","@context":"https://schema.org/extensions","summary":"事件已更新: 横向移动 \\"引号\\"","themeColor":"B42318","title":"事件已更新","sections":[{"activityTitle":"横向移动 \\"引号\\"","facts":[{"name":"客户","value":"樱花制造"},{"name":"严重程度","value":"high"}]}],"potentialAction":[{"@type":"OpenUri","name":"在门户中打开","targets":[{"os":"default","uri":"https://portal.example/engagements/x/incidents/y"}]}]}',
    adaptiveCard:
      '{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"事件已更新","weight":"Bolder","size":"Medium","color":"Attention","wrap":true},{"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"横向移动 \\"引号\\""}]},{"type":"FactSet","facts":[{"title":"客户","value":"樱花制造"},{"title":"严重程度","value":"high"}]}],"actions":[{"type":"Action.OpenUrl","title":"在门户中打开","url":"https://portal.example/engagements/x/incidents/y"}]}}]}',
  },
  'step opened, no severity (ja)': {
    slack:
      '{"text":"ステップ開始: センサー配備 (さくら製作所)","blocks":[{"type":"header","text":{"type":"plain_text","text":"ステップ開始"}},{"type":"section","text":{"type":"mrkdwn","text":"*センサー配備*"},"fields":[{"type":"mrkdwn","text":"*お客様*\\nさくら製作所"}]},{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"ポータルで開く"},"url":"https://portal.example/engagements/x/incidents/y"}]}]}',
    messageCard:
      '{"@type":"MessageCard","@context":"https://schema.org/extensions","summary":"ステップ開始: センサー配備","themeColor":"1D4ED8","title":"ステップ開始","sections":[{"activityTitle":"センサー配備","facts":[{"name":"お客様","value":"さくら製作所"}]}],"potentialAction":[{"@type":"OpenUri","name":"ポータルで開く","targets":[{"os":"default","uri":"https://portal.example/engagements/x/incidents/y"}]}]}',
    adaptiveCard:
      '{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"ステップ開始","weight":"Bolder","size":"Medium","color":"Accent","wrap":true},{"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"センサー配備"}]},{"type":"FactSet","facts":[{"title":"お客様","value":"さくら製作所"}]}],"actions":[{"type":"Action.OpenUrl","title":"ポータルで開く","url":"https://portal.example/engagements/x/incidents/y"}]}}]}',
  },
  'step approved (en)': {
    slack:
      '{"text":"Step approved: Scope & contacts (Northwind)","blocks":[{"type":"header","text":{"type":"plain_text","text":"Step approved"}},{"type":"section","text":{"type":"mrkdwn","text":"*Scope &amp; contacts*"},"fields":[{"type":"mrkdwn","text":"*Customer*\\nNorthwind"}]},{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Open in the portal"},"url":"https://portal.example/engagements/x/incidents/y"}]}]}',
    messageCard:
      '{"@type":"MessageCard","@context":"https://schema.org/extensions","summary":"Step approved: Scope & contacts","themeColor":"1D4ED8","title":"Step approved","sections":[{"activityTitle":"Scope & contacts","facts":[{"name":"Customer","value":"Northwind"}]}],"potentialAction":[{"@type":"OpenUri","name":"Open in the portal","targets":[{"os":"default","uri":"https://portal.example/engagements/x/incidents/y"}]}]}',
    adaptiveCard:
      '{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"Step approved","weight":"Bolder","size":"Medium","color":"Accent","wrap":true},{"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"Scope & contacts"}]},{"type":"FactSet","facts":[{"title":"Customer","value":"Northwind"}]}],"actions":[{"type":"Action.OpenUrl","title":"Open in the portal","url":"https://portal.example/engagements/x/incidents/y"}]}}]}',
  },
  'approval requested (zh)': {
    slack:
      '{"text":"请求审批: 隔离主机 (Northwind)","blocks":[{"type":"header","text":{"type":"plain_text","text":"请求审批"}},{"type":"section","text":{"type":"mrkdwn","text":"*隔离主机*"},"fields":[{"type":"mrkdwn","text":"*客户*\\nNorthwind"},{"type":"mrkdwn","text":"*严重程度*\\nmedium"}]},{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"在门户中打开"},"url":"https://portal.example/engagements/x/incidents/y"}]}]}',
    messageCard:
      '{"@type":"MessageCard","@context":"https://schema.org/extensions","summary":"请求审批: 隔离主机","themeColor":"1D4ED8","title":"请求审批","sections":[{"activityTitle":"隔离主机","facts":[{"name":"客户","value":"Northwind"},{"name":"严重程度","value":"medium"}]}],"potentialAction":[{"@type":"OpenUri","name":"在门户中打开","targets":[{"os":"default","uri":"https://portal.example/engagements/x/incidents/y"}]}]}',
    adaptiveCard:
      '{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"请求审批","weight":"Bolder","size":"Medium","color":"Accent","wrap":true},{"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"隔离主机"}]},{"type":"FactSet","facts":[{"title":"客户","value":"Northwind"},{"title":"严重程度","value":"medium"}]}],"actions":[{"type":"Action.OpenUrl","title":"在门户中打开","url":"https://portal.example/engagements/x/incidents/y"}]}}]}',
  },
};

describe('channel message formats, byte for byte against the captured output', () => {
  it.each(SAMPLES)('$name', ({ name, language, announcement }) => {
    const content = channelMessageContent(announcement, language, LINK);
    expect(JSON.stringify(slackMessage(content))).toBe(BEFORE[name].slack);
    expect(JSON.stringify(teamsMessageCard(content))).toBe(BEFORE[name].messageCard);
    expect(JSON.stringify(teamsAdaptiveCard(content))).toBe(BEFORE[name].adaptiveCard);
  });
});
