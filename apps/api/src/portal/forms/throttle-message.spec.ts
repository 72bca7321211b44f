import { throttleMessage } from './throttle-message';

describe('throttleMessage', () => {
  it('says seconds below two minutes and whole minutes, rounded up, from there', () => {
    expect(throttleMessage(1)).toEqual({
      errorKey: 'login.throttledSeconds',
      errorParams: { seconds: 1 },
    });
    expect(throttleMessage(60)).toEqual({
      errorKey: 'login.throttledSeconds',
      errorParams: { seconds: 60 },
    });
    expect(throttleMessage(120)).toEqual({
      errorKey: 'login.throttled',
      errorParams: { minutes: 2 },
    });
    expect(throttleMessage(128)).toEqual({
      errorKey: 'login.throttled',
      errorParams: { minutes: 3 },
    });
  });
});
