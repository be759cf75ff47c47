/** A task's prompt for its second run, after a critic scored the first result under the threshold: the prompt, then the critique to address. */
export function withCritique(description: string, critique: string): string {
  return `${description.trimEnd()}\n\nAn earlier answer to this task was reviewed and fell short:\n${critique.trim()}\n\nAnswer the task again, addressing the review.`;
}
