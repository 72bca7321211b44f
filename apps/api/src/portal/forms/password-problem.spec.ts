import { passwordProblem } from './password-problem';

describe('passwordProblem', () => {
  it('asks for both fields', () => {
    expect(passwordProblem('', 'x')).toBe('setPassword.required');
    expect(passwordProblem('correct horse battery', '')).toBe('setPassword.required');
  });

  it('wants 12 to 200 characters', () => {
    expect(passwordProblem('elevenchars', 'elevenchars')).toBe('setPassword.tooShort');
    const long = 'x'.repeat(201);
    expect(passwordProblem(long, long)).toBe('setPassword.tooLong');
  });

  it('wants the confirmation to match', () => {
    expect(passwordProblem('twelve chars', 'twelve chars!')).toBe('setPassword.mismatch');
    expect(passwordProblem('twelve chars', 'twelve chars')).toBeNull();
  });
});
