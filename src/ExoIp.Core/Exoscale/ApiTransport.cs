using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RestSharp;

namespace ExoIp.Exoscale;

/// <summary>
/// Sends signed requests to the API over one RestClient. Polly bounds each attempt with
/// <see cref="ExoscaleClientOptions.RequestTimeout"/> and retries transient failures (no answer, 429, 5xx but
/// 501) with Retry-After or jittered exponential backoff, on the options' clock.
/// </summary>
internal sealed class ApiTransport : IDisposable
{
    private static readonly ResiliencePropertyKey<string> SubjectKey = new("ExoIp.Subject");
    private static readonly string UserAgent = "ExoIp/" + typeof(ApiTransport).Assembly.GetName().Version;

    private readonly ExoscaleClientOptions _options;
    private readonly ExoscaleClientCounters _counters;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RestClient _rest;
    private readonly ResiliencePipeline _retriedAttempts;
    private readonly ResiliencePipeline _singleAttempt;
    private readonly ResiliencePipeline _retriedActions;
    private readonly Random _random = new();
    // Set by the first 2xx: from then on a 403 is about one operation's permission, not the key or secret.
    private volatile bool _credentialsAccepted;

    public ApiTransport(ExoscaleClientOptions options, ExoscaleClientCounters counters)
    {
        _options = options;
        _counters = counters;
        _logger = options.Logger;
        _time = options.TimeProvider;
        _rest = new RestClient(new RestClientOptions(options.Endpoint)
        {
            // Polly bounds each attempt on the options' clock; RestSharp's own 100 s default would only race it.
            Timeout = Timeout.InfiniteTimeSpan,
            // A redirect would be sent with a signature made for another path; report it instead.
            FollowRedirects = false,
            UserAgent = UserAgent,
        });
        _singleAttempt = NewBuilder().AddTimeout(options.RequestTimeout).Build();
        _retriedAttempts = AddRetry(NewBuilder()).AddTimeout(options.RequestTimeout).Build();
        _retriedActions = AddRetry(NewBuilder()).Build();
    }

    /// <summary>
    /// Sends a request that is safe to repeat (a GET), retrying transient failures; returns the 2xx answer's body.
    /// </summary>
    public Task<string> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var uri = _rest.BuildUri(request.ToRestRequest());
        var subject = Subject(request, uri);
        return RunAsync(subject, _retriedAttempts,
            (attempt, token) => AttemptAsync(request, uri, subject, attempt, token, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Sends a mutating request once. Only for use inside <see cref="RetryActionAsync{T}"/>: a transient failure
    /// escapes as it is, so that the action (check, act, wait) is what gets retried, never the request alone.
    /// </summary>
    public async Task<string> SendOnceAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var uri = _rest.BuildUri(request.ToRestRequest());
        var subject = Subject(request, uri);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _singleAttempt.ExecuteAsync(
                context => AttemptAsync(request, uri, subject, 1, context.CancellationToken, cancellationToken),
                context).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Runs an idempotent action (check the state, act only when needed, wait) and retries it whole when a
    /// <see cref="SendOnceAsync"/> inside it fails transiently.
    /// </summary>
    public Task<T> RetryActionAsync<T>(string subject, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken) =>
        RunAsync(subject, _retriedActions, async (_, token) => await action(token).ConfigureAwait(false), cancellationToken);

    public void Dispose() => _rest.Dispose();

    private ResiliencePipelineBuilder NewBuilder() => new() { TimeProvider = _time };

    private ResiliencePipelineBuilder AddRetry(ResiliencePipelineBuilder builder)
    {
        // Polly's retry strategy needs at least one retry; no retries means no retry strategy.
        if (_options.MaxRetries == 0) return builder;
        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = _options.MaxRetries,
            ShouldHandle = new PredicateBuilder().Handle<TransientApiFailure>().Handle<TimeoutRejectedException>(),
            DelayGenerator = args => new ValueTask<TimeSpan?>(RetryDelay(args.Outcome.Exception, args.AttemptNumber)),
            OnRetry = args =>
            {
                _counters.CountRetry();
                var subject = args.Context.Properties.GetValue(SubjectKey, "request");
                var reason = args.Outcome.Exception switch
                {
                    TransientApiFailure failure when failure.Subject == subject => failure.Problem,
                    TransientApiFailure failure => failure.Message,
                    _ => $"no answer within {DurationText.Of(_options.RequestTimeout)}",
                };
                _logger.LogWarning("{Subject}: {Reason}; retry {Retry} of {MaxRetries} in {DelayMs} ms",
                    subject, reason, args.AttemptNumber + 1, _options.MaxRetries, Milliseconds(args.RetryDelay));
                return default;
            },
        });
    }

    private TimeSpan RetryDelay(Exception? failure, int retry)
    {
        // Retry-After is the server's word, but a failover cannot wait for ever: RetryMaxDelay bounds it too.
        if (failure is TransientApiFailure { RetryAfter: { } asked })
            return asked < _options.RetryMaxDelay ? asked : _options.RetryMaxDelay;
        double jitter;
        lock (_random) jitter = _random.NextDouble();
        return RetryBackoff.Delay(retry, _options.RetryBaseDelay, _options.RetryMaxDelay, jitter);
    }

    private async Task<T> RunAsync<T>(
        string subject, ResiliencePipeline pipeline, Func<int, CancellationToken, ValueTask<T>> attempt,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(SubjectKey, subject);
        var attempts = 0;
        try
        {
            return await pipeline.ExecuteAsync(
                context => attempt(++attempts, context.CancellationToken), context).ConfigureAwait(false);
        }
        catch (TransientApiFailure failure)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new ExoscaleUnavailableException(
                $"{failure.Message}; gave up after {Attempts(attempts)}.", failure.StatusCode, failure.InnerException);
        }
        catch (TimeoutRejectedException timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new ExoscaleTimeoutException(
                $"{subject}: no answer from {_options.Endpoint.Authority} within {DurationText.Of(_options.RequestTimeout)}; gave up after {Attempts(attempts)}.",
                null, timeout);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<string> AttemptAsync(
        ApiRequest request, Uri uri, string subject, int attempt, CancellationToken attemptToken,
        CancellationToken callerToken)
    {
        var rest = request.ToRestRequest();
        // Signed per attempt: the path exactly as RestSharp puts it on the wire, the body exactly as sent.
        rest.AddHeader(KnownHeaders.Authorization, RequestSigner.CreateAuthorization(
            _options.Credentials, request.MethodName, uri.AbsolutePath, request.Query, request.Body,
            _time.GetUtcNow() + RequestSigner.DefaultValidity));
        rest.AddHeader(KnownHeaders.Accept, ContentType.Json);

        _counters.CountRequest();
        var started = _time.GetTimestamp();
        var response = await _rest.ExecuteAsync(rest, attemptToken).ConfigureAwait(false);
        var elapsed = Milliseconds(_time.GetElapsedTime(started));

        if (attemptToken.IsCancellationRequested)
        {
            // The caller's cancellation or Polly's attempt timeout: Polly tells them apart by this exception.
            if (!callerToken.IsCancellationRequested)
            {
                _counters.CountFailure();
                _logger.LogDebug("{Subject} → no answer in {ElapsedMs} ms, attempt {Attempt}", subject, elapsed, attempt);
            }
            attemptToken.ThrowIfCancellationRequested();
        }

        var status = (int)response.StatusCode;
        // RestSharp reports error statuses as ResponseStatus.Error too; only a missing status means no answer,
        // and a success status that is not Completed means the body was lost on the way.
        var answered = status != 0 && (status > 299 || response.ResponseStatus == ResponseStatus.Completed);
        if (!answered)
        {
            _counters.CountFailure();
            var error = response.ErrorMessage ?? response.ResponseStatus.ToString();
            _logger.LogDebug("{Subject} → no answer ({Error}) in {ElapsedMs} ms, attempt {Attempt}", subject, error, elapsed, attempt);
            throw new TransientApiFailure(subject, $"got no answer from {uri.Authority}: {error}", null, null, response.ErrorException);
        }

        _logger.LogDebug("{Subject} → {Status} in {ElapsedMs} ms, attempt {Attempt}", subject, status, elapsed, attempt);
        if (status >= 200 && status <= 299)
        {
            _credentialsAccepted = true;
            return response.Content ?? string.Empty;
        }

        _counters.CountFailure();
        if (TransientApiFailure.IsTransientStatus(status))
            throw new TransientApiFailure(
                subject, ApiFailure.Answered(status, response.StatusDescription, response.Content), status,
                RetryAfterHeader.Parse(response.GetHeaderValue("Retry-After"), _time.GetUtcNow()));
        throw ApiFailure.FromAnswer(request, subject, status, response.StatusDescription, response.Content, _options.Location, _credentialsAccepted);
    }

    private static string Subject(ApiRequest request, Uri uri) => request.MethodName + " " + uri.PathAndQuery;

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : attempts + " attempts";

    private static long Milliseconds(TimeSpan duration) => (long)duration.TotalMilliseconds;
}
