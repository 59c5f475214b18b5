// Sending a file with a Chinese file name (RFC 6266 filename* plus an ASCII fallback).
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export function sendDownload(reply: FastifyReply, data: Buffer | Readable, contentType: string, asciiName: string, fileName: string) {
  return reply
    .header('Content-Type', contentType)
    .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(data);
}

export function sendXlsx(reply: FastifyReply, data: Buffer, asciiName: string, title: string) {
  const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return sendDownload(reply, data, type, asciiName, `${title}-${new Date().toISOString().slice(0, 10)}.xlsx`);
}
