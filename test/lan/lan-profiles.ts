/**
 * Network profiles of the virtual LAN, as laptop-to-laptop one-way figures. The shaper impairs a
 * frame twice (leaving the sender's port, entering the receiver's), so each end gets half the delay
 * and jitter and about half the loss: 1 - (1 - p/2)^2 ~ p.
 */

/** A named network condition. */
export type LanProfile = 'clean' | 'wifi' | 'bad-wifi';

/** One-way impairment between two laptops. */
export interface LinkImpairment {
  readonly delayMs: number;
  readonly jitterMs: number;
  readonly lossPct: number;
}

/** clean: a switch. wifi: a good home Wi-Fi. bad-wifi: a crowded one. */
export const PROFILES: Readonly<Record<LanProfile, LinkImpairment>> = {
  clean: { delayMs: 0, jitterMs: 0, lossPct: 0 },
  wifi: { delayMs: 3, jitterMs: 2, lossPct: 1 },
  'bad-wifi': { delayMs: 15, jitterMs: 10, lossPct: 5 },
};

/** The shaper's JSON config (see shaper.py) for an impairment, with the `cut` laptops unplugged. */
export function shaperConfig(link: LinkImpairment, cut: ReadonlySet<number>): object {
  const perEnd = {
    delay_ms: link.delayMs / 2,
    jitter_ms: link.jitterMs / 2,
    loss_pct: 100 * (1 - Math.sqrt(1 - link.lossPct / 100)),
  };
  const ports: Record<string, object> = {};
  for (const i of cut) ports[`l${i}`] = { cut: true };
  return { default: perEnd, ports };
}
