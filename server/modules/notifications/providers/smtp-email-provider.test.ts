import { once } from "node:events";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { emailSubjectFor, smtpEmailProvider, smtpTransport } from "./smtp-email-provider";

type Session = { auth: string | null; from: string | null; to: string[]; data: string };

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/**
 * A minimal SMTP server (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT) standing in for the mail
 * provider; recipients listed in `refuse` get a 550.
 */
async function smtpServer({ refuse = [] }: { refuse?: string[] } = {}) {
  const sessions: Session[] = [];
  server = createServer((socket) => {
    const session: Session = { auth: null, from: null, to: [], data: "" };
    sessions.push(session);
    let buffer = "";
    let isReadingData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 test.smtp ready");
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      if (isReadingData) {
        const end = buffer.indexOf("\r\n.\r\n");
        if (end === -1) return;
        session.data = buffer.slice(0, end);
        buffer = buffer.slice(end + 5);
        isReadingData = false;
        reply("250 2.0.0 queued as Q42");
      }
      let newline: number;
      while (!isReadingData && (newline = buffer.indexOf("\r\n")) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") reply("250-test.smtp\r\n250 AUTH PLAIN");
        else if (verb === "AUTH") {
          session.auth = Buffer.from(line.split(" ")[2] ?? "", "base64").toString("utf8");
          reply("235 2.7.0 accepted");
        } else if (verb === "MAIL") {
          session.from = line;
          reply("250 2.1.0 ok");
        } else if (verb === "RCPT") {
          const address = /<(.*)>/.exec(line)?.[1] ?? "";
          if (refuse.includes(address)) reply("550 5.1.1 no such mailbox");
          else {
            session.to.push(address);
            reply("250 2.1.5 ok");
          }
        } else if (verb === "DATA") {
          isReadingData = true;
          reply("354 go ahead");
        } else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("250 ok");
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { port: (server.address() as AddressInfo).port, sessions };
}

const message = {
  id: "0190a3c4-0000-7000-8000-000000000002",
  channel: "EMAIL" as const,
  kind: "refund.processed",
  recipient: "ada@example.test",
  body: "Your refund of $25.00 to Visa •••• 4242 has been processed.",
};

describe("email over SMTP", () => {
  it("names the subject after what the message is about", () => {
    expect(emailSubjectFor("refund.processed")).toBe("Your refund");
    expect(emailSubjectFor("credit.received")).toBe("Store credit");
    expect(emailSubjectFor("account.closed")).toBe("A message from Creditdesk");
  });

  it("signs in with the URL's credentials and sends plain text from the default sender", async () => {
    const { port, sessions } = await smtpServer();
    const provider = smtpEmailProvider({ transport: smtpTransport(`smtp://mailer:p%40ss@127.0.0.1:${port}`) });
    expect(await provider.send(message)).toEqual({ providerRef: `<${message.id}@creditdesk.notifications>` });

    const [session] = sessions;
    expect(session?.auth).toBe("\0mailer\0p@ss");
    expect(session?.from).toContain("<no-reply@creditdesk.test>");
    expect(session?.to).toEqual(["ada@example.test"]);
    const headers = session!.data.split("\r\n\r\n")[0]!;
    expect(headers).toContain("From: Creditdesk <no-reply@creditdesk.test>");
    expect(headers).toContain("To: ada@example.test");
    expect(headers).toContain("Subject: Your refund");
    expect(headers).toContain(`Message-ID: <${message.id}@creditdesk.notifications>`);
    expect(session!.data).toContain("Visa =E2=80=A2=E2=80=A2=E2=80=A2=E2=80=A2 4242");
  });

  it("uses SMTP_FROM when given", async () => {
    const { port, sessions } = await smtpServer();
    await smtpEmailProvider({ transport: smtpTransport(`smtp://127.0.0.1:${port}`), from: "Shop <hello@shop.test>" }).send(message);
    expect(sessions[0]?.data).toContain("From: Shop <hello@shop.test>");
  });

  it("fails when the server refuses the recipient", async () => {
    const { port } = await smtpServer({ refuse: ["ada@example.test"] });
    const provider = smtpEmailProvider({ transport: smtpTransport(`smtp://127.0.0.1:${port}`) });
    await expect(provider.send(message)).rejects.toThrow("550 5.1.1 no such mailbox");
  });
});
