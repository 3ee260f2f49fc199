// A town's website on another origin: a tiny HTTP server on `localhost` (the app runs on
// 127.0.0.1, another port) serving one page with the given HTML in its body. Chromium frames
// the widgets from it as it would from www.lhota.cz.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostSite {
  url: string;
  close(): Promise<void>;
}

export async function hostSite(body: string): Promise<HostSite> {
  const html = `<!doctype html>
<html lang="cs">
<head><meta charset="utf-8"><title>Město Náměstí – oficiální web</title></head>
<body><main><h1>Oficiální web města</h1>${body}</main></body>
</html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
