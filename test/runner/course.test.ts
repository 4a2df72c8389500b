import { describe, expect, it } from 'vitest';
import { findLesson, loadCourse, type Course } from '../../src/runner/course.js';

describe('findLesson', () => {
  it('takes an id, a number, or the start of an id that only one lesson has', async () => {
    const course = await loadCourse(undefined);
    expect(findLesson(course, 'veth-pairs').id).toBe('veth-pairs');
    expect(findLesson(course, '3').id).toBe('veth-pairs');
    expect(findLesson(course, 'veth').id).toBe('veth-pairs');
  });

  it('refuses a start shared by several lessons, naming them, instead of taking the first', () => {
    const lesson = (id: string, order: number) => ({ id, order, file: `/c/${id}.md` });
    const course = { dir: '/c', lessons: [lesson('veth-pairs', 1), lesson('veth-bridges', 2)] } as unknown as Course;
    expect(() => findLesson(course, 'veth')).toThrow('`veth` could be any of 2 lessons: veth-pairs, veth-bridges.');
    expect(findLesson(course, 'veth-b').id).toBe('veth-bridges');
  });
});
