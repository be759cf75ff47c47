import { Graph, layout } from '@dagrejs/dagre';
import { useMemo } from 'preact/hooks';
import { href } from '../shared/route.ts';
import type { PlanRunTaskReport } from '../../../src/run-plan/plan-run-report.ts';

const nodeWidth = 170;
const nodeHeight = 52;

/**
 * The plan's DAG laid out by dagre, left to right: each task a link (keyboard: Tab, Enter) to its
 * detail, filled by its state and labelled with it in words, so the state reads without colour.
 */
export function PlanGraph({ planRunId, tasks, selected }: { planRunId: string; tasks: PlanRunTaskReport[]; selected?: string }) {
  const shape = tasks.map((task) => `${task.id}<${task.dependsOn.join(',')}`).join(';');
  const placed = useMemo(() => {
    const graph = new Graph();
    graph.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 56, marginx: 8, marginy: 8 });
    graph.setDefaultEdgeLabel(() => ({}));
    for (const task of tasks) graph.setNode(task.id, { width: nodeWidth, height: nodeHeight });
    for (const task of tasks) for (const upstream of task.dependsOn) if (tasks.some((each) => each.id === upstream)) graph.setEdge(upstream, task.id);
    layout(graph);
    const { width = 0, height = 0 } = graph.graph() as { width?: number; height?: number };
    const nodes = new Map(tasks.map((task) => [task.id, graph.node(task.id) as { x: number; y: number }]));
    const edges = graph.edges().map((edge) => ({ id: `${edge.v}->${edge.w}`, points: (graph.edge(edge) as { points: Array<{ x: number; y: number }> }).points }));
    return { width, height, nodes, edges };
    // Laid out again only when tasks or edges change, not when their states do.
  }, [shape]);
  return (
    <svg class="plan-graph" width={placed.width} height={placed.height} viewBox={`0 0 ${placed.width} ${placed.height}`} role="group" aria-label="The plan's tasks and their dependencies">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#555" />
        </marker>
      </defs>
      {placed.edges.map((edge) => (
        <polyline key={edge.id} class="edge" points={edge.points.map((point) => `${point.x},${point.y}`).join(' ')} marker-end="url(#arrow)" />
      ))}
      {tasks.map((task) => {
        const node = placed.nodes.get(task.id)!;
        return (
          <a
            key={task.id}
            href={href('plans', planRunId, task.id)}
            class={`task state-${task.status}${task.id === selected ? ' selected' : ''}`}
            data-task={task.id}
            data-state={task.status}
            aria-label={`Task ${task.id}: ${task.status}`}
          >
            <rect x={node.x - nodeWidth / 2} y={node.y - nodeHeight / 2} width={nodeWidth} height={nodeHeight} rx={6} />
            <text x={node.x} y={node.y - 6} text-anchor="middle" class="task-id">
              {task.id}
            </text>
            <text x={node.x} y={node.y + 14} text-anchor="middle" class="task-state">
              {task.status}
            </text>
          </a>
        );
      })}
    </svg>
  );
}
