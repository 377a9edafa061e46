export const DEMO_PASSWORD = 'signpost-demo';
export const DEMO_CHANNEL_SECRET = 'whsec_c2lnbnBvc3QtZGVtby1jaGFubmVsLXNlY3JldA==';
export const TEST_SECRET_KEY = 'dGVzdC1vbmx5LXNlY3JldC1rZXktMzItYnl0ZXMhISE=';
export const TEST_JWT_SECRET = 'test-only-jwt-secret-0123456789abcdefghij';
