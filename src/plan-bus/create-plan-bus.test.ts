import { describe, expect, it } from 'vitest';
import { broadcastLines } from './broadcast-lines.ts';
import { createPlanBus } from './create-plan-bus.ts';
import { promptWithBroadcasts } from './prompt-with-broadcasts.ts';

describe('the plan message bus', () => {
  it('takes the lines starting with BROADCAST: from text and from every string of an object result', () => {
    expect(broadcastLines('Intro\nBROADCAST: prices fell 20%\n  BROADCAST:   two\nnot BROADCAST: this\nBROADCAST:\nbroadcast: lower case')).toEqual(['prices fell 20%', 'two']);
    expect(broadcastLines({ summary: 'x\nBROADCAST: a', points: ['BROADCAST: b', { note: 'BROADCAST: c' }], count: 3 })).toEqual(['a', 'b', 'c']);
    expect(broadcastLines(undefined)).toEqual([]);
  });

  it('offers findings in plan order whatever order the tasks finished in, each text once', () => {
    const order = ['search-a', 'search-b', 'search-c'];
    const finishing = (sequence: string[]) => {
      const bus = createPlanBus({ taskOrder: order });
      const results: Record<string, string> = {
        'search-a': 'BROADCAST: A1\nBROADCAST: shared',
        'search-b': 'BROADCAST: B1',
        'search-c': 'BROADCAST: shared\nBROADCAST: C1',
        extra: 'BROADCAST: from an added task',
      };
      for (const id of sequence) bus.publish(id, results[id]);
      return bus.broadcasts();
    };
    const expected = [
      { taskId: 'search-a', text: 'A1' },
      { taskId: 'search-a', text: 'shared' },
      { taskId: 'search-b', text: 'B1' },
      { taskId: 'search-c', text: 'C1' },
      { taskId: 'extra', text: 'from an added task' },
    ];
    expect(finishing(['search-a', 'search-b', 'search-c', 'extra'])).toEqual(expected);
    expect(finishing(['extra', 'search-c', 'search-b', 'search-a'])).toEqual(expected);
  });

  it('a task that starts later is offered what was published before it started; a re-run replaces its own', () => {
    const bus = createPlanBus();
    expect(promptWithBroadcasts('First task.', bus, { invite: false })).toBe('First task.');
    bus.publish('scope', 'Done.\nBROADCAST: the 2019 data is missing');
    const later = promptWithBroadcasts('Second task.\n', bus, { taskId: 'analyze' });
    expect(later).toBe(
      'Second task.\n\nShared discoveries from other tasks of this run:\n- (scope) the 2019 data is missing\n\n' +
        'To share a finding with the tasks that start after this one, put it on a line of its own starting with BROADCAST:',
    );
    // Its own findings are not offered to a task run again.
    expect(promptWithBroadcasts('Scope again.', bus, { taskId: 'scope', invite: false })).toBe('Scope again.');
    bus.publish('scope', 'BROADCAST: the 2019 data is back');
    expect(bus.broadcasts()).toEqual([{ taskId: 'scope', text: 'the 2019 data is back' }]);
    bus.publish('scope', 'nothing now');
    expect(bus.broadcasts()).toEqual([]);
  });

  it('offers at most maxBroadcasts', () => {
    const bus = createPlanBus();
    bus.publish('a', Array.from({ length: 30 }, (_, index) => `BROADCAST: finding ${index}`).join('\n'));
    const prompt = promptWithBroadcasts('Task.', bus, { maxBroadcasts: 3, invite: false });
    expect(prompt.split('\n').filter((line) => line.startsWith('- '))).toEqual(['- (a) finding 0', '- (a) finding 1', '- (a) finding 2']);
  });
});
