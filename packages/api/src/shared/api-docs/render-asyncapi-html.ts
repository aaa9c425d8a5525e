type Message = { name?: string; summary?: string; payload?: unknown };
type AsyncApiDocument = {
  info: { title: string; version: string; description?: string };
  servers?: Record<string, { host: string; protocol: string }>;
  channels: Record<string, { address: string; description?: string; bindings?: { ws?: { query?: unknown } } }>;
  components?: { messages?: Record<string, Message> };
};

/** A readable page for an AsyncAPI document, rendered on the server: no script, no external assets. */
export function renderAsyncApiHtml(document: AsyncApiDocument, jsonUrl: string): string {
  const servers = Object.values(document.servers ?? {});
  const channels = Object.values(document.channels)
    .map((channel) => {
      const urls = servers.map((server) => `${server.protocol}://${server.host}${channel.address}`);
      const query = channel.bindings?.ws?.query;
      return `<section><h2>Channel <code>${escape(channel.address)}</code></h2>
<p>${escape(channel.description ?? '')}</p>
<p>Connect to ${urls.map((url) => `<code>${escape(url)}</code>`).join(', ')}</p>
${query === undefined ? '' : `<h3>Query</h3>${schemaBlock(query)}`}</section>`;
    })
    .join('\n');
  const messages = Object.entries(document.components?.messages ?? {})
    .map(([key, message]) => `<section id="${escape(key)}"><h3>${escape(message.name ?? key)}</h3><p>${escape(message.summary ?? '')}</p>${schemaBlock(message.payload)}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}pre{background:#f4f4f4;padding:1rem;overflow:auto}code{background:#f4f4f4;padding:0 .2rem}</style>
</head><body>
<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>${escape(document.info.description ?? '')}</p>
<p>Machine-readable: <a href="${escape(jsonUrl)}">AsyncAPI 3.0 document</a></p>
${channels}
<h2>Messages</h2>
${messages}
</body></html>`;
}

function schemaBlock(schema: unknown): string {
  return `<pre>${escape(JSON.stringify(schema, null, 2))}</pre>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
