import { DomainError } from '../errors/domain-error.js';

/** An aggregate as three pure functions (the decider pattern, STYLE.md). */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Test support: `given(events).when(command).then(events)` or `.thenThrows(ErrorClass, details)`.
 * `given` folds the history with evolve; `when` runs decide on the result.
 */
export class DeciderSpecification<Command, Event, State> {
  private constructor(private readonly decider: Decider<Command, Event, State>) {}

  static for<Command, Event, State>(decider: Decider<Command, Event, State>): DeciderSpecification<Command, Event, State> {
    return new DeciderSpecification(decider);
  }

  given(events: readonly Event[]): { when(command: Command): Outcome<Command, Event, State> } {
    const { decider } = this;
    const state = events.reduce(decider.evolve, decider.initialState());
    return { when: (command) => new Outcome(decider, state, command) };
  }
}

class Outcome<Command, Event, State> {
  constructor(
    private readonly decider: Decider<Command, Event, State>,
    private readonly state: State,
    private readonly command: Command,
  ) {}

  /** Decide returns exactly these events. */
  then(expected: readonly Event[]): void {
    expect(this.decide()).toEqual(expected);
  }

  /** Decide succeeds and the state after its events matches. */
  thenState(expected: Partial<State>): void {
    expect(this.decide().reduce(this.decider.evolve, this.state)).toMatchObject(expected);
  }

  /** Decide throws this class of error; for a DomainError, with details that include `details`. */
  thenThrows(errorClass: ErrorClass, details?: Record<string, unknown>): void {
    let events: Event[];
    try {
      events = this.decide();
    } catch (error) {
      expect(error).toBeInstanceOf(errorClass);
      if (details) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).details).toMatchObject(details);
      }
      return;
    }
    throw new Error(`expected ${errorClass.name}, but decide returned ${JSON.stringify(events)}`);
  }

  private decide(): Event[] {
    return this.decider.decide(this.command, this.state);
  }
}
