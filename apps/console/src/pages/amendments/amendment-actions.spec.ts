import { actionsFor } from './amendment-actions.js';

const editor = { subject: 'ed', roles: ['editor'] };
const approver = { subject: 'ann', roles: ['approver'] };

describe('actionsFor: what the signed-in person may do, shown before the click', () => {
  it('offers submit on a draft to an editor, and tells an approver the role it needs', () => {
    expect(actionsFor({ status: 'DRAFT', contributors: ['ed'] }, editor)).toEqual([{ action: 'submit', allowed: true }]);
    expect(actionsFor({ status: 'DRAFT', contributors: ['ed'] }, approver)).toEqual([
      { action: 'submit', allowed: false, reason: 'Only the editor role may submit an amendment; you are signed in as approver.' },
    ]);
  });

  it('refuses approval to anyone who wrote the amendment, administrators included, and to a name that differs only by case', () => {
    const submitted = { status: 'SUBMITTED', contributors: ['ed', 'Pat'] };
    expect(actionsFor(submitted, editor)[0]).toEqual({
      action: 'approve',
      allowed: false,
      reason: 'You wrote this amendment, so you may not approve it: a second person must (four eyes).',
    });
    expect(actionsFor(submitted, { subject: 'Pat', roles: ['admin'] })[0]).toMatchObject({ action: 'approve', allowed: false });
    expect(actionsFor(submitted, { subject: 'pat', roles: ['approver'] })[0]).toMatchObject({
      action: 'approve',
      allowed: false,
      reason: expect.stringContaining('Pat'),
    });
    expect(actionsFor(submitted, approver)).toEqual([
      { action: 'approve', allowed: true },
      { action: 'reject', allowed: true },
    ]);
  });

  it('offers publish and reject on an approved amendment to an approver, nothing on a published one', () => {
    expect(actionsFor({ status: 'APPROVED', contributors: ['ed'] }, approver).map((state) => [state.action, state.allowed])).toEqual([
      ['reject', true],
      ['publish', true],
    ]);
    expect(actionsFor({ status: 'PUBLISHED', contributors: ['ed'] }, approver)).toEqual([]);
  });
});
