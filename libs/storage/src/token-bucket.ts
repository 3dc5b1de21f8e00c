/**
 * Bytes/s throttle for background audits, so they take only their configured share of the disk
 * or network. A bucket of `rate` bytes/s holding at most `burst` bytes.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly rate: number,
    readonly burst: number = rate,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    if (!(rate > 0)) throw new Error('rate must be positive');
    this.tokens = burst;
    this.last = this.now();
  }

  /** Waits until `n` bytes may be read; requests larger than the burst are paid off as debt. */
  async take(n: number): Promise<void> {
    this.refill();
    this.tokens -= n;
    if (this.tokens < 0) {
      await this.sleep((-this.tokens / this.rate) * 1000);
      this.refill();
    }
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }
}
