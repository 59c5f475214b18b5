// The QoS 1 messages a subscriber connection has received and not yet acknowledged, in the order
// received, packed at three bytes each (packet id, stored flag). A broker that reads our PUBACKs
// slower than it delivers leaves a million of them here within a minute and a half (measured with
// Mosquitto 2.0, see ingest-health.ts); as objects in an array that was some 40 MB of heap.

export class AckQueue {
  private ids = new Uint16Array(4096);
  private stored = new Uint8Array(4096);
  /** Sequence number of slot 0; `head` is the first not yet acknowledged, `tail` the next to come. */
  private base = 0;
  private head = 0;
  private tail = 0;

  /** Messages received and not yet taken by takeStoredRun(). */
  get length(): number {
    return this.tail - this.head;
  }

  /** A message received; returns its sequence number for markStored(). */
  push(packetId: number): number {
    if (this.tail - this.base === this.ids.length) this.makeRoom();
    const i = this.tail - this.base;
    this.ids[i] = packetId;
    this.stored[i] = 0;
    return this.tail++;
  }

  markStored(seq: number): void {
    if (seq >= this.head && seq < this.tail) this.stored[seq - this.base] = 1;
  }

  /**
   * The PUBACKs of the stored run at the head (MQTT 5, 3.4.2.1: reason 0 and no properties is
   * four bytes each), in one buffer outside Node's pool; null if the head is not stored yet.
   */
  takeStoredRun(): Buffer | null {
    let end = this.head;
    while (end < this.tail && this.stored[end - this.base] === 1) end++;
    if (end === this.head) return null;
    const b = Buffer.allocUnsafeSlow((end - this.head) * 4);
    for (let seq = this.head, o = 0; seq < end; seq++, o += 4) {
      b[o] = 0x40;
      b[o + 1] = 2;
      b.writeUInt16BE(this.ids[seq - this.base] as number, o + 2);
    }
    this.head = end;
    return b;
  }

  /** Drops the acknowledged slots at the front, and doubles the arrays if they are still over half full. */
  private makeRoom(): void {
    const live = this.tail - this.head;
    const from = this.head - this.base;
    if (live * 2 > this.ids.length) {
      const ids = new Uint16Array(this.ids.length * 2);
      const stored = new Uint8Array(this.ids.length * 2);
      ids.set(this.ids.subarray(from, from + live));
      stored.set(this.stored.subarray(from, from + live));
      this.ids = ids;
      this.stored = stored;
    } else {
      this.ids.copyWithin(0, from, from + live);
      this.stored.copyWithin(0, from, from + live);
    }
    this.base = this.head;
  }
}
