/** Reads server-sent events from a stream until `done` says so; returns the events read. */
export async function readEvents(url: string, until: (events: { type: string; data: unknown }[]) => boolean, signal: AbortSignal) {
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: { type: string; data: unknown }[] = [];
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const type = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data) events.push({ type, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return { status: response.status, contentType: response.headers.get('content-type'), events };
}
