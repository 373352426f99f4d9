// Ports pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go (TestImageLocalityPriority,
// TestNormalizedImageName).

import { describe, expect, it } from 'vitest';
import type { ContainerImage, Pod } from '../../api/types/core';
import { handleFor, makeNode, makePod, runScore } from '../framework/testing';
import { ImageLocality, normalizedImageName } from './image-locality';

const mb = 1024 * 1024;
const img = (name: string, sizeMB: number): ContainerImage => ({ names: [name], sizeBytes: sizeMB * mb });
const node = (name: string, ...images: ContainerImage[]) => makeNode(name, {}, { status: { images } });
const podWith = (...images: string[]): Pod => makePod('p', { containers: images.map((image, i) => ({ name: `c${i}`, image })) });

const node403002000 = () => node('node403002000', img('gcr.io/40:latest', 40), img('gcr.io/300:latest', 300), img('gcr.io/2000:latest', 2000));
const node25010 = () => node('node25010', img('gcr.io/250:latest', 250), img('gcr.io/10:latest', 10));
const node60040900 = () => node('node60040900', img('gcr.io/600:latest', 600), img('gcr.io/40:latest', 40), img('gcr.io/900:latest', 900));
const node300600900 = () => node('node300600900', img('gcr.io/300:latest', 300), img('gcr.io/600:latest', 600), img('gcr.io/900:latest', 900));
const node400030 = () => node('node400030', img('gcr.io/4000:latest', 4000), img('gcr.io/30:latest', 30));
const node203040 = () => node('node203040', img('gcr.io/20:latest', 20), img('gcr.io/30:latest', 30), img('gcr.io/40:latest', 40));

describe('ImageLocality (TestImageLocalityPriority)', () => {
  const cases: { name: string; pod: Pod; nodes: ReturnType<typeof node>[]; expected: number[] }[] = [
    {
      // node403002000: 40 MB on 1 of 2 nodes → 20 MB < 23 MB → 0; node25010: 250 MB / 2 → 100×(125−23)/(2000−23) = 5
      name: 'two images spread on two nodes, prefer the larger image one',
      pod: podWith('gcr.io/40', 'gcr.io/250'),
      nodes: [node403002000(), node25010()],
      expected: [0, 5],
    },
    {
      // node403002000: (40 + 300)/2 = 170 MB → 100×(170−23)/(2000−23) = 7
      name: 'two images on one node, prefer this node',
      pod: podWith('gcr.io/40', 'gcr.io/300'),
      nodes: [node403002000(), node25010()],
      expected: [7, 0],
    },
    {
      // node400030: 4000/2 = 2000 MB ≥ the 2 × 1000 MB cap → 100; node25010: 10/2 → 0
      name: 'if exceed limit, use limit',
      pod: podWith('gcr.io/10', 'gcr.io/4000'),
      nodes: [node400030(), node25010()],
      expected: [100, 0],
    },
    {
      // gcr.io/40 is on 2 of 3 nodes: 40×2/3 = 26.7 MB → 0; node300600900: 300/3 = 100 MB → 100×(100−23)/(3×1000−23) = 2
      name: 'spread images on nodes: a widely present image counts for less',
      pod: podWith('gcr.io/30', 'gcr.io/300', 'gcr.io/40'),
      nodes: [node60040900(), node300600900(), node203040()],
      expected: [0, 2, 0],
    },
    { name: 'a pod whose images no node has', pod: podWith('gcr.io/nope'), nodes: [node25010(), node400030()], expected: [0, 0] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { handle, snapshot } = handleFor(tc.nodes);
      expect(runScore(new ImageLocality(handle), tc.pod, snapshot).map((s) => s.score)).toEqual(tc.expected);
    });
  }
});

describe('normalizedImageName (TestNormalizedImageName)', () => {
  const cases: [string, string][] = [
    ['root', 'root:latest'],
    ['root:tag', 'root:tag'],
    ['gcr.io:5000/root', 'gcr.io:5000/root:latest'],
    ['root@sha256:abcd', 'root@sha256:abcd'],
  ];
  for (const [input, want] of cases) it(`${input} → ${want}`, () => expect(normalizedImageName(input)).toBe(want));
});
