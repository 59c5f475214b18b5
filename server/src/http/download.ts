// Sending a file with a Chinese file name (RFC 6266 filename* plus an ASCII fallback).
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { todayInShanghai } from '../time.ts';

export function sendDownload(reply: FastifyReply, data: Buffer | Readable, contentType: string, asciiName: string, fileName: string) {
  return reply
    .header('Content-Type', contentType)
    .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(data);
}

/** An export's file name, dated as the person who downloads it reads the date: Beijing's day, not UTC's. */
export const datedFileName = (title: string, extension: string, now = new Date()) => `${title}-${todayInShanghai(now)}.${extension}`;

export function sendXlsx(reply: FastifyReply, data: Buffer, asciiName: string, title: string, now = new Date()) {
  const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return sendDownload(reply, data, type, asciiName, datedFileName(title, 'xlsx', now));
}
