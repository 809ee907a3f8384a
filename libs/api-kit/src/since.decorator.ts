import { Args, Float } from '@nestjs/graphql';

/**
 * The `since` argument every subscription takes (API.md): a commit position; the subscription
 * delivers everything after it, then live. Float, not Int: positions pass 2^31.
 */
export function Since(): ParameterDecorator {
  return Args('since', {
    type: () => Float,
    nullable: true,
    description:
      "Resume: deliver everything recorded after this commit position (a message's `position`), then live, with no gap and no duplicate. Without it: from now on",
  });
}
