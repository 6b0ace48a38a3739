using VoiceHelper.Knowledge.Index.Internal;

namespace VoiceHelper.Knowledge.Index;

/// <summary>
/// An approximate nearest-neighbour index: a USearch HNSW graph with the cosine metric, in native memory.
/// </summary>
/// <remarks>
/// Searches and saves run concurrently under a shared lock, and upserts, removals and loads take it exclusively. In
/// USearch 2.26.6 an add without reserved capacity can crash a concurrent search, and concurrent adds can leave
/// vectors that no search finds. So an upsert reserves capacity first, doubling as the index grows, and adds its
/// vectors one at a time. At most <see cref="UsearchIndexOptions.MaxConcurrentOperations"/> searches call the
/// library at once, because it fails a call that finds no free thread slot ("Reserve capacity ahead of
/// searches!").
/// </remarks>
public sealed unsafe class UsearchVectorIndex : IVectorIndex
{
    private delegate nuint NativeRead(UsearchIndexHandle index, out nint error);

    private readonly UsearchIndexOptions _options;
    private readonly UsearchIndexHandle _handle;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _threadSlots;
    private long _count;
    private bool _disposed;

    /// <summary>Creates an empty index.</summary>
    /// <param name="options">The settings, or null for the defaults of <see cref="UsearchIndexOptions"/>.</param>
    /// <exception cref="ArgumentException">A setting is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The native library failed to create the index.</exception>
    public UsearchVectorIndex(UsearchIndexOptions? options = null)
    {
        _options = Copy(options ?? new UsearchIndexOptions());
        UsearchIndexOptionsValidator.Validate(_options);
        _threadSlots = new SemaphoreSlim(_options.MaxConcurrentOperations, _options.MaxConcurrentOperations);
        _handle = CreateNative(_options);
        try
        {
            ReserveAndRestoreThreadSlots(_options.InitialCapacity);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int Dimensions => _options.Dimensions;

    /// <inheritdoc />
    public long Count => Volatile.Read(ref _count);

    /// <summary>The number of vectors that fit in the reserved native memory before the index grows again.</summary>
    public long Capacity => ReadNative(UsearchNative.Capacity);

    /// <summary>The bytes of native memory that USearch reports for the graph and the stored vectors.</summary>
    public long MemoryUsageBytes => ReadNative(UsearchNative.MemoryUsage);

    /// <summary>The candidate list size that searches use now, read from the native index.</summary>
    public int ExpansionSearch => (int)ReadNative(UsearchNative.ExpansionSearch);

    /// <summary>
    /// Loads an index that <see cref="Save"/> wrote. The file's dimensions and scalar kind must match
    /// <paramref name="options"/>, whose expansion and concurrency settings then apply to the loaded index.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a USearch index or does not match the options.</exception>
    public static UsearchVectorIndex Load(string path, UsearchIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The vector index file '{path}' does not exist.", path);
        }

        var index = new UsearchVectorIndex(options);
        try
        {
            UsearchIndexFile.ThrowIfIncompatible(path, index._options);
            index.LoadFrom(path);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// USearch rejects a key that is present, so a replaced vector is removed first. Within one call, the last entry
    /// of a key wins. The call validates every entry before it changes anything. If the native library fails midway,
    /// the entries before the failure stay applied.
    /// </remarks>
    public void Upsert(IReadOnlyList<(ulong Key, float[] Vector)> entries)
    {
        VectorArguments.ThrowIfInvalid(entries, Dimensions);
        if (entries.Count == 0)
        {
            return;
        }

        var latest = LastEntryPerKey(entries);
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            EnsureCapacity(Count + latest.Count);
            RemoveExisting(latest);
            AddAll(latest);
            Volatile.Write(ref _count, (long)UsearchNative.Size(_handle, out _));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public void Remove(IReadOnlyCollection<ulong> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            foreach (var key in keys.Where(key => key != VectorArguments.ReservedKey))
            {
                UsearchNative.Remove(_handle, key, out var error);
                UsearchNative.ThrowIfFailed(error, $"remove key {key}");
            }

            Volatile.Write(ref _count, (long)UsearchNative.Size(_handle, out _));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    /// <remarks>The similarity is 1 minus USearch's cosine distance, computed on the stored scalar kind.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count)
    {
        VectorArguments.ThrowIfInvalidQuery(query, Dimensions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);

        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            var limit = (int)Math.Min(count, Count);
            if (limit == 0)
            {
                return [];
            }

            _threadSlots.Wait();
            try
            {
                return SearchNative(query, limit);
            }
            finally
            {
                _threadSlots.Release();
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Writes the graph and the vectors to a file, replacing it. Searches may run meanwhile.</summary>
    /// <exception cref="InvalidOperationException">The native library failed to write the file.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            UsearchNative.Save(_handle, path, out var error);
            UsearchNative.ThrowIfFailed(error, $"save the index to '{path}'");
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Frees the native memory after the calls in progress finish. Later calls throw.</summary>
    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _handle.Dispose();
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        // The lock and the semaphore stay undisposed: a caller that raced with Dispose may still be waiting on them,
        // and it should get the ObjectDisposedException of ThrowIfDisposed, not one from a disposed lock.
    }

    private static UsearchIndexOptions Copy(UsearchIndexOptions options) => new()
    {
        Dimensions = options.Dimensions,
        Connectivity = options.Connectivity,
        ExpansionAdd = options.ExpansionAdd,
        ExpansionSearch = options.ExpansionSearch,
        ScalarKind = options.ScalarKind,
        InitialCapacity = options.InitialCapacity,
        MaxConcurrentOperations = options.MaxConcurrentOperations,
    };

    private static UsearchIndexHandle CreateNative(UsearchIndexOptions options)
    {
        var native = new UsearchInitOptions
        {
            MetricKind = UsearchNative.MetricCosine,
            Quantization = options.ScalarKind.ToNative(),
            Dimensions = (nuint)options.Dimensions,
            Connectivity = (nuint)options.Connectivity,
            ExpansionAdd = (nuint)options.ExpansionAdd,
            ExpansionSearch = (nuint)options.ExpansionSearch,
        };

        var handle = UsearchNative.Init(&native, out var error);
        if (error != 0 || handle.IsInvalid)
        {
            handle.Dispose();
            UsearchNative.ThrowIfFailed(error, "create an index");
            throw new InvalidOperationException("USearch failed to create an index and gave no reason.");
        }

        return handle;
    }

    private static IReadOnlyList<(ulong Key, float[] Vector)> LastEntryPerKey(
        IReadOnlyList<(ulong Key, float[] Vector)> entries)
    {
        var lastPosition = new Dictionary<ulong, int>(entries.Count);
        for (var position = 0; position < entries.Count; position++)
        {
            lastPosition[entries[position].Key] = position;
        }

        if (lastPosition.Count == entries.Count)
        {
            return entries;
        }

        return entries.Where((entry, position) => lastPosition[entry.Key] == position).ToList();
    }

    private void LoadFrom(string path)
    {
        _lock.EnterWriteLock();
        try
        {
            UsearchNative.Load(_handle, path, out var error);
            UsearchNative.ThrowIfFailed(error, $"load the index from '{path}'");
            if ((int)UsearchNative.Dimensions(_handle, out _) != Dimensions)
            {
                throw new InvalidDataException(
                    $"The vector index file '{path}' changed while it was loaded: its dimensions no longer match.");
            }

            // A load resets the thread slots to the hardware concurrency and the capacity to the loaded size. In
            // 2.26.6 it keeps the search expansion, which is set again in case a later version resets it too.
            UsearchNative.ChangeExpansionSearch(_handle, (nuint)_options.ExpansionSearch, out error);
            UsearchNative.ThrowIfFailed(error, "set the search expansion");
            var size = (long)UsearchNative.Size(_handle, out _);
            ReserveAndRestoreThreadSlots(Math.Max(size, _options.InitialCapacity));
            Volatile.Write(ref _count, size);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void EnsureCapacity(long required)
    {
        var capacity = (long)UsearchNative.Capacity(_handle, out _);
        if (required <= capacity)
        {
            return;
        }

        ReserveAndRestoreThreadSlots(Math.Max(required, capacity * 2));
    }

    private void ReserveAndRestoreThreadSlots(long capacity)
    {
        UsearchNative.Reserve(_handle, (nuint)capacity, out var error);
        UsearchNative.ThrowIfFailed(error, $"reserve room for {capacity} vectors");

        // usearch_reserve sets both thread slot counts to the hardware concurrency, so they are set again here.
        var slots = (nuint)_options.MaxConcurrentOperations;
        UsearchNative.ChangeThreadsAdd(_handle, slots, out error);
        UsearchNative.ThrowIfFailed(error, $"set {slots} thread slots for adds");
        UsearchNative.ChangeThreadsSearch(_handle, slots, out error);
        UsearchNative.ThrowIfFailed(error, $"set {slots} thread slots for searches");
    }

    private void RemoveExisting(IReadOnlyList<(ulong Key, float[] Vector)> entries)
    {
        foreach (var (key, _) in entries)
        {
            if (UsearchNative.Contains(_handle, key, out _))
            {
                UsearchNative.Remove(_handle, key, out var error);
                UsearchNative.ThrowIfFailed(error, $"remove the old vector of key {key}");
            }
        }
    }

    // One add at a time, because concurrent adds in USearch 2.26.6 can leave a node stored but unreachable by any
    // search. A test run here lost up to 22 of 1,000 vectors that way. Upstream report and proposed fix:
    // https://github.com/unum-cloud/USearch/issues/735 and https://github.com/unum-cloud/USearch/pull/772
    private void AddAll(IReadOnlyList<(ulong Key, float[] Vector)> entries)
    {
        foreach (var (key, vector) in entries)
        {
            AddNative(key, vector);
        }
    }

    private void AddNative(ulong key, float[] vector)
    {
        fixed (float* scalars = vector)
        {
            UsearchNative.Add(_handle, key, scalars, UsearchNative.ScalarFloat32, out var error);
            UsearchNative.ThrowIfFailed(error, $"add key {key}");
        }
    }

    private VectorMatch[] SearchNative(ReadOnlySpan<float> query, int limit)
    {
        var keys = new ulong[limit];
        var distances = new float[limit];
        nuint found;
        fixed (float* scalars = query)
        fixed (ulong* keyBuffer = keys)
        fixed (float* distanceBuffer = distances)
        {
            found = UsearchNative.Search(
                _handle, scalars, UsearchNative.ScalarFloat32, (nuint)limit, keyBuffer, distanceBuffer, out var error);
            UsearchNative.ThrowIfFailed(error, "search");
        }

        var matches = new VectorMatch[(int)found];
        for (var rank = 0; rank < matches.Length; rank++)
        {
            matches[rank] = new VectorMatch(keys[rank], 1 - distances[rank]);
        }

        return matches;
    }

    private long ReadNative(NativeRead read)
    {
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            return (long)read(_handle, out _);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
