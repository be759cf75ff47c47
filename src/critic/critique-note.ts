/** What follows a task's prompt on its second run, after a critic scored the first result under the threshold: the critique to address. */
export function critiqueNote(critique: string): string {
  return `An earlier answer to this task was reviewed and fell short:\n${critique.trim()}\n\nAnswer the task again, addressing the review.`;
}
