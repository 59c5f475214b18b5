// Sending an Excel file with a Chinese file name (RFC 6266 filename* plus an ASCII fallback).
import type { FastifyReply } from 'fastify';

export function sendXlsx(reply: FastifyReply, data: Buffer, asciiName: string, title: string) {
  const name = encodeURIComponent(`${title}-${new Date().toISOString().slice(0, 10)}.xlsx`);
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${name}`)
    .send(data);
}
