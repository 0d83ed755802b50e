using System.Diagnostics;
using System.Net;
using OpenProject.Storages.Nextcloud.Http;

namespace OpenProject.Storages.Nextcloud.Internal;

/// <summary>The bounds of one metadata request: how long it may take and how large its body may be.</summary>
internal readonly record struct ExchangeLimits(TimeSpan AttemptTimeout, TimeSpan Timeout, long MaxBodyBytes, long MaxMultiStatusBytes, TimeSpan IdleTimeout)
{
    public static ExchangeLimits From(NextcloudStorageOptions options) =>
        new(options.RequestAttemptTimeout, options.RequestTimeout, options.MaxResponseBodySize, options.MaxMultiStatusBodySize, options.TransferIdleTimeout);

    /// <summary>The token endpoint's bounds: its own time-out, for the whole call.</summary>
    public static ExchangeLimits ForToken(NextcloudStorageOptions options) =>
        new(options.TokenRequestTimeout, options.TokenRequestTimeout, options.MaxResponseBodySize, options.MaxResponseBodySize, options.TransferIdleTimeout);

    /// <summary>A setup probe's bounds: the setup check's time-out for the whole call.</summary>
    public static ExchangeLimits ForProbe(TimeSpan timeout) =>
        new(timeout, timeout, LimitedBody.MaxBytes, LimitedBody.MaxBytes, timeout);
}

/// <summary>What kind of exchange: metadata (bounded in total) or a transfer (bounded by idleness).</summary>
internal enum ExchangeKind
{
    /// <summary>Send to last byte within the time-outs, body within the size limit.</summary>
    Metadata,

    /// <summary>An upload: no time limit while bytes go out, <see cref="ExchangeLimits.IdleTimeout"/> without progress; the answer is metadata.</summary>
    Upload,

    /// <summary>A download or a streamed listing: like an upload, and a successful answer's body is read under the idle rule, without a size limit.</summary>
    Download,
}

/// <summary>
/// The one place a metadata request is sent: a deadline from the send to the last byte of the body (headers
/// arrive within <see cref="ExchangeLimits.Timeout"/>, and the body within <see cref="ExchangeLimits.AttemptTimeout"/>
/// after them, never past the total), and a body that ends in <see cref="StorageErrorCode.InvalidResponse"/> past
/// its size limit, counted after decompression. Every reader of the answer (JSON, multistatus, error details)
/// reads through it, so no reader can forget a bound. The caller's own cancellation stays an
/// <see cref="OperationCanceledException"/>; the deadline becomes <see cref="StorageErrorCode.Unavailable"/>.
/// </summary>
internal static class BoundedExchange
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, ExchangeLimits limits, string operation, CancellationToken cancellationToken, ExchangeKind kind = ExchangeKind.Metadata)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waited = kind == ExchangeKind.Metadata ? limits.Timeout : limits.IdleTimeout;
        try
        {
            deadline.CancelAfter(waited);
            if (kind != ExchangeKind.Metadata && request.Content is { } upload)
            {
                // Each byte that goes out restarts the idle clock, so a slow upload lives and a stalled one ends.
                var clock = deadline;
                request.Content = new ProgressContent(upload, () => Restart(clock, limits.IdleTimeout));
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw NextcloudErrors.TimedOut(operation, waited, ex);
            }
            catch (HttpRequestException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw NextcloudErrors.TimedOut(operation, waited, ex);
            }

            if (kind == ExchangeKind.Download && response.IsSuccessStatusCode)
            {
                deadline.CancelAfter(Timeout.InfiniteTimeSpan);
                response.Content = new BoundedContent(response.Content, deadline, long.MaxValue - 1, limits.IdleTimeout, operation, idle: true, cancellationToken);
            }
            else
            {
                var remaining = kind == ExchangeKind.Metadata ? limits.Timeout - Stopwatch.GetElapsedTime(started) : limits.AttemptTimeout;
                var body = remaining < limits.AttemptTimeout ? remaining : limits.AttemptTimeout;
                deadline.CancelAfter(body > TimeSpan.Zero ? body : TimeSpan.FromMilliseconds(1));
                var max = response.StatusCode == HttpStatusCode.MultiStatus ? limits.MaxMultiStatusBytes : limits.MaxBodyBytes;
                response.Content = new BoundedContent(response.Content, deadline, max, kind == ExchangeKind.Metadata ? limits.Timeout : limits.AttemptTimeout, operation, idle: false, cancellationToken);
            }

            deadline = null;
            return response;
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    private static void Restart(CancellationTokenSource clock, TimeSpan idle)
    {
        try
        {
            clock.CancelAfter(idle);
        }
        catch (ObjectDisposedException)
        {
            // The exchange already ended; a late write report changes nothing.
        }
    }
}

/// <summary>An answer's content read through a <see cref="BoundedBodyStream"/>; owns the request's deadline.</summary>
internal sealed class BoundedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationToken _callerToken;
    private readonly long _maxBytes;
    private readonly TimeSpan _timeout;
    private readonly string _operation;
    private readonly bool _idle;

    public BoundedContent(HttpContent inner, CancellationTokenSource deadline, long maxBytes, TimeSpan timeout, string operation, bool idle, CancellationToken callerToken)
    {
        _idle = idle;
        _inner = inner;
        _deadline = deadline;
        _callerToken = callerToken;
        _maxBytes = maxBytes;
        _timeout = timeout;
        _operation = operation;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        var stream = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new BoundedBodyStream(stream, _deadline, _maxBytes, _timeout, _operation, _idle, _callerToken);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _deadline.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// Reads an answer's body under the request's deadline and up to a size, counted after decompression (the
/// handler below inflates): a gzip bomb stops at the limit, a dripping body at the deadline. With
/// <c>idle</c> (downloads) the clock runs only while a read waits, so only the server's stall ends it.
/// </summary>
internal sealed class BoundedBodyStream(Stream inner, CancellationTokenSource deadlineSource, long maxBytes, TimeSpan timeout, string operation, bool idle, CancellationToken callerToken) : Stream
{
    private readonly CancellationToken _deadline = deadlineSource.Token;

    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // One byte more than allowed may be asked for, so a body of exactly the limit still ends cleanly.
        var allowed = maxBytes + 1 - _read;
        if (buffer.Length > allowed)
        {
            buffer = buffer[..(int)allowed];
        }

        var deadline = _deadline;
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != callerToken && cancellationToken != deadline
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline)
            : null;
        int read;
        try
        {
            if (idle && !deadline.IsCancellationRequested)
            {
                deadlineSource.CancelAfter(timeout);
            }

            read = await inner.ReadAsync(buffer, linked?.Token ?? deadline).ConfigureAwait(false);
            if (idle && !deadline.IsCancellationRequested)
            {
                deadlineSource.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && !callerToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            throw NextcloudErrors.TimedOut(operation, timeout, ex);
        }

        _read += read;
        if (_read > maxBytes)
        {
            throw NextcloudErrors.TooLarge(operation, maxBytes);
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A request body that reports each piece sent, for the transfer's idle clock.</summary>
internal sealed class ProgressContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly Action _progress;

    /// <summary>The body being sent.</summary>
    public HttpContent Inner => _inner;

    public ProgressContent(HttpContent inner, Action progress)
    {
        _inner = inner;
        _progress = progress;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyToAsync(new ProgressStream(stream, _progress), context, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? 0;
        return _inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The connection's stream, reporting each write.</summary>
    private sealed class ProgressStream(Stream target, Action progress) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            target.Write(buffer, offset, count);
            progress();
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await target.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            progress();
        }

        public override void Flush() => target.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => target.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
