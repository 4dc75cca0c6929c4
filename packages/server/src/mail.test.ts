import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { currentMailer, mailerFromEnvironment, mailerOver, publicUrl, replaceMailer } from './mail.ts';

afterEach(() => replaceMailer(undefined));

describe('the mailer', () => {
  it('is there only when an SMTP address is configured', () => {
    expect(mailerFromEnvironment({})).toBeNull();
    expect(mailerFromEnvironment({ ARIADNE_SMTP_URL: '  ' })).toBeNull();
    expect(mailerFromEnvironment({ ARIADNE_SMTP_URL: 'not a url' })).toBeNull();
    expect(mailerFromEnvironment({ ARIADNE_SMTP_URL: 'http://mail.example.org' })).toBeNull();
    // Creating the transport opens no connection: nothing is sent here.
    expect(mailerFromEnvironment({ ARIADNE_SMTP_URL: 'smtp://user:secret@mail.example.org:587' })).not.toBeNull();
  });

  it('sends plain text from the configured sender through its transport', async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const sent: unknown[] = [];
    const mailer = mailerOver(
      {
        async sendMail(message) {
          const info = await transport.sendMail(message);
          sent.push(JSON.parse(String(info.message)));
        },
      },
      'Ariadne <ariadne@demoland.example>',
    );
    await mailer.send({ to: 'focal.point@demoland.example', subject: 'Reminder', text: 'Hello,\nthe report is due.' });
    expect(sent).toEqual([
      expect.objectContaining({
        from: { address: 'ariadne@demoland.example', name: 'Ariadne' },
        to: [{ address: 'focal.point@demoland.example', name: '' }],
        subject: 'Reminder',
        text: 'Hello,\nthe report is due.',
      }),
    ]);
  });

  it('can be replaced, by none or another, and given back to the environment', () => {
    const mailer = mailerOver({ sendMail: async () => undefined }, 'a@example.org');
    replaceMailer(mailer);
    expect(currentMailer()).toBe(mailer);
    replaceMailer(null);
    expect(currentMailer()).toBeNull();
  });
});

describe('the public address', () => {
  it('is read without its trailing slash, and only as an http(s) address', () => {
    expect(publicUrl({})).toBeUndefined();
    expect(publicUrl({ ARIADNE_PUBLIC_URL: 'https://ariadne.example.org/' })).toBe('https://ariadne.example.org');
    expect(publicUrl({ ARIADNE_PUBLIC_URL: 'ftp://ariadne.example.org' })).toBeUndefined();
  });
});
