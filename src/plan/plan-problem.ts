/** Something wrong with a plan, and where: the key path of the field at fault (`['tasks', 2, 'dependsOn']`). */
export interface PlanProblem {
  keyPath: (string | number)[];
  message: string;
}
