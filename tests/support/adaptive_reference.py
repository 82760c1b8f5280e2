#!/usr/bin/env python3
"""botocore's own adaptive-mode rate limiter, driven by a fake clock, for awsdirect's
ClientRateLimiter test: reads "TIME THROTTLED" lines (seconds, 0 or 1) on stdin and prints the
send rate and the measured rate after each answer.

    adaptive_reference.py START_TIME < events
"""
import sys
from botocore.retries import adaptive, bucket, throttling, standard
class FakeClock:
    def __init__(self): self.t = 0.0
    def sleep(self, amount): self.t += amount
    def current_time(self): return self.t
clock = FakeClock(); clock.t = float(sys.argv[1])
limiter = adaptive.ClientRateLimiter(
    rate_adjustor=throttling.CubicCalculator(starting_max_rate=0, start_time=clock.current_time()),
    rate_clocker=adaptive.RateClocker(clock),
    token_bucket=bucket.TokenBucket(max_rate=1, clock=clock),
    throttling_detector=standard.ThrottlingErrorDetector(retry_event_adapter=standard.RetryEventAdapter()),
    clock=clock)
for line in sys.stdin:
    t, throttled = line.split()
    clock.t = float(t)
    response = (None, {'Error': {'Code': 'Throttling' if throttled == '1' else ''}, 'ResponseMetadata': {}}) if throttled == '1' else (None, {'ResponseMetadata': {}})
    limiter.on_receiving_response(response=response, caught_exception=None, attempts=1, operation=None, request_dict={'context': {}})
    print("%.12g %.12g" % (limiter._token_bucket.max_rate, limiter._rate_clocker.measured_rate))
