"""Summarise py-spy's collapsed stacks of a server's main thread: `python -m bench.profile_top FILE [N]`.

Prints the share of busy samples spent in each frame (inclusive) and at the top of the stack (own time).
"""
import sys
from collections import Counter
from pathlib import Path

IDLE_FRAMES = ('select (selectors.py', 'Runner.run (asyncio/runners.py')


def summarise(path: Path, top: int = 40) -> str:
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    busy = idle = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(' ')
        frames = stack.split(';')
        if not any('runners.py' in frame for frame in frames):
            continue  # not the event loop's thread
        if frames[-1].startswith(IDLE_FRAMES):
            idle += int(count)
            continue
        busy += int(count)
        own[frames[-1]] += int(count)
        for frame in set(frames):
            inclusive[frame] += int(count)
    lines = [f'main thread: {busy} busy samples, {idle} idle', '', 'inclusive:']
    lines += [f'{n / busy * 100:5.1f}%  {frame}' for frame, n in inclusive.most_common(top)]
    lines += ['', 'own:']
    lines += [f'{n / busy * 100:5.1f}%  {frame}' for frame, n in own.most_common(top // 2)]
    return '\n'.join(lines)


if __name__ == '__main__':
    print(summarise(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 40))
