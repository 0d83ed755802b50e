namespace OpenProject.Storages.Nextcloud.Upload;

/// <summary>
/// A read-only view of the next <c>length</c> bytes of the caller's stream, so a PUT or a chunk streams
/// straight from it without buffering (<see cref="long.MaxValue"/> for all of a stream of unknown length);
/// disposing the view leaves the caller's stream open. <see cref="Position"/> counts the bytes read so far,
/// which tells whether a refused PUT can still be sent another way.
/// </summary>
internal sealed class BoundedReadStream : Stream
{
    private readonly Stream _inner;
    private long _remaining;

    public BoundedReadStream(Stream inner, long length)
    {
        _inner = inner;
        _remaining = length;
        Length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length { get; }

    /// <summary>The caller's stream's own failure, if a read of it threw (HttpClient wraps it in its own exception).</summary>
    public Exception? SourceError { get; private set; }

    public override long Position
    {
        get => Length - _remaining;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0)
        {
            return 0;
        }

        int read;
        try
        {
            read = _inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SourceError = ex;
            throw;
        }

        _remaining -= read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining <= 0)
        {
            return 0;
        }

        int read;
        try
        {
            read = await _inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SourceError = ex;
            throw;
        }

        _remaining -= read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
