import { passwordPolicyKey, passwordProblem } from './password-problem';

describe('passwordProblem', () => {
  it('asks for both fields', () => {
    expect(passwordProblem('', 'x')).toBe('setPassword.required');
    expect(passwordProblem('correct horse battery', '')).toBe('setPassword.required');
  });

  it('wants 12 to 200 characters', () => {
    expect(passwordProblem('elevenchars', 'elevenchars')).toBe('passwordPolicy.too_short');
    const long = 'x'.repeat(201);
    expect(passwordProblem(long, long)).toBe('passwordPolicy.too_long');
  });

  it('wants the confirmation to match', () => {
    expect(passwordProblem('twelve chars', 'twelve chars!')).toBe('setPassword.mismatch');
    expect(passwordProblem('twelve chars', 'twelve chars')).toBeNull();
  });

  it('words every policy problem from the catalog', () => {
    expect(passwordPolicyKey('common')).toBe('passwordPolicy.common');
  });
});
