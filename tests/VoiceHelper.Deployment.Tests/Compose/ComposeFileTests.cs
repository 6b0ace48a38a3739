using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Compose;

[Trait("Category", "Unit")]
public sealed class ComposeFileTests
{
    private static readonly string[] ExpectedServices =
        ["postgres", "redis", "migrate", "silo-1", "silo-2", "silo-gpu", "gateway-1", "gateway-2"];

    // Services that run to completion: a health check or a restart policy would not fit them.
    private static readonly string[] OneShotServices = ["migrate"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Services_IncludeEveryPiece_Present()
    {
        foreach (var name in ExpectedServices)
        {
            Assert.True(_compose.Services.ContainsKey(name), $"docker-compose.yml has no service '{name}'.");
        }
    }

    [Fact]
    public void Postgres_Image_IsVersion15()
    {
        Assert.StartsWith("postgres:15", _compose.Services["postgres"].Image);
    }

    [Fact]
    public void Postgres_Data_LivesInDeclaredVolume()
    {
        var volume = _compose.Services["postgres"].Volumes.Single(mount => mount.EndsWith(":/var/lib/postgresql/data"));

        var name = volume.Split(':')[0];

        Assert.True(_compose.Root.MappingAt("volumes").ContainsKey(name), $"The volume '{name}' is not declared.");
    }

    [Theory]
    [InlineData("silo-1", "docker/silo.Dockerfile")]
    [InlineData("silo-2", "docker/silo.Dockerfile")]
    [InlineData("silo-gpu", "docker/silo.Dockerfile")]
    [InlineData("gateway-1", "docker/gateway.Dockerfile")]
    [InlineData("gateway-2", "docker/gateway.Dockerfile")]
    [InlineData("migrate", "docker/migrate.Dockerfile")]
    public void Build_OwnService_UsesItsDockerfile(string service, string dockerfile)
    {
        var build = _compose.Services[service];

        Assert.Equal(".", build.BuildContext);
        Assert.Equal(dockerfile, build.Dockerfile);
        Assert.True(File.Exists(RepositoryFiles.PathOf(dockerfile)), $"{dockerfile} does not exist.");
        Assert.StartsWith("voicehelper/", build.Image);
    }

    [Theory]
    [InlineData("silo-1", "cpu")]
    [InlineData("silo-2", "cpu")]
    [InlineData("silo-gpu", "cuda")]
    public void Build_Silo_SelectsAccelerator(string service, string accelerator)
    {
        Assert.Equal(accelerator, _compose.Services[service].BuildArgument("ACCELERATOR"));
    }

    [Fact]
    public void Build_GpuSilo_TagsItsOwnImage()
    {
        var cpuImage = _compose.Services["silo-1"].Image;

        Assert.NotEqual(cpuImage, _compose.Services["silo-gpu"].Image);
    }

    [Fact]
    public void HealthCheck_LongRunningServices_Defined()
    {
        foreach (var service in _compose.Services.Values.Where(service => !OneShotServices.Contains(service.Name)))
        {
            Assert.True(service.HealthCheck.Count > 0, $"The service '{service.Name}' has no health check.");
        }
    }

    [Fact]
    public void HealthCheck_Processes_ProbeReadyPort()
    {
        foreach (var service in _compose.Silos.Concat(_compose.Gateways))
        {
            var url = service.Environment.GetValueOrDefault("Silo__Urls")
                ?? service.Environment.GetValueOrDefault("Gateway__HttpUrl");
            var port = new Uri(url!.Replace("+", "localhost", StringComparison.Ordinal)).Port;

            var probe = string.Join(' ', service.HealthCheck);

            Assert.Contains($"127.0.0.1:{port}/health/ready", probe);
        }
    }

    [Fact]
    public void Migrate_RunsOnce_WithoutRestart()
    {
        Assert.Equal("no", _compose.Services["migrate"].Restart);
    }

    [Fact]
    public void DependsOn_Migrate_WaitsForHealthyPostgres()
    {
        Assert.Equal("service_healthy", _compose.Services["migrate"].DependsOn.GetValueOrDefault("postgres"));
    }

    [Fact]
    public void DependsOn_Silos_WaitForDataAndMigration()
    {
        foreach (var silo in _compose.Silos)
        {
            Assert.Equal("service_healthy", silo.DependsOn.GetValueOrDefault("postgres"));
            Assert.Equal("service_healthy", silo.DependsOn.GetValueOrDefault("redis"));
            Assert.Equal("service_completed_successfully", silo.DependsOn.GetValueOrDefault("migrate"));
        }
    }

    [Fact]
    public void DependsOn_Gateways_WaitForHealthyCpuSilos()
    {
        foreach (var gateway in _compose.Gateways)
        {
            Assert.Equal("service_healthy", gateway.DependsOn.GetValueOrDefault("silo-1"));
            Assert.Equal("service_healthy", gateway.DependsOn.GetValueOrDefault("silo-2"));
        }
    }

    [Fact]
    public void DependsOn_Names_ExistWithoutProfile()
    {
        foreach (var service in _compose.Services.Values)
        {
            foreach (var dependency in service.DependsOn.Keys)
            {
                Assert.True(_compose.Services.TryGetValue(dependency, out var target),
                    $"'{service.Name}' depends on '{dependency}', which is not a service.");
                Assert.True(target.Profiles.Count == 0,
                    $"'{service.Name}' depends on '{dependency}', which starts only with a profile.");
            }
        }
    }

    [Fact]
    public void Gpu_Reservation_OnlyOnGpuSilo()
    {
        var reserving = _compose.Services.Values.Where(service => service.DeviceReservations.Count > 0);

        Assert.Equal(["silo-gpu"], reserving.Select(service => service.Name));
    }

    [Fact]
    public void Gpu_Reservation_AsksForNvidiaGpu()
    {
        var device = Assert.Single(_compose.Services["silo-gpu"].DeviceReservations);

        Assert.Equal("nvidia", device.TextAt("driver"));
        Assert.Contains("gpu", device.SequenceAt("capabilities").OfType<string>());
        Assert.True(int.Parse(device.TextAt("count") ?? "0") >= 1, "The GPU silo reserves no device.");
    }

    [Fact]
    public void Gpu_Silo_AdvertisesReservedDeviceCount()
    {
        var silo = _compose.Services["silo-gpu"];
        var reserved = silo.DeviceReservations.Single().TextAt("count");

        Assert.Equal(reserved, silo.Environment.GetValueOrDefault("Silo__Accelerator__DeviceCount"));
    }

    [Fact]
    public void Gpu_Silo_RunsEmbedderOnCuda()
    {
        var environment = _compose.Services["silo-gpu"].Environment;

        Assert.Equal("Cuda", environment.GetValueOrDefault("Inference__Embeddings__Session__ExecutionProvider"));
    }

    [Fact]
    public void Gpu_Silo_StartsOnlyWithGpuProfile()
    {
        Assert.Equal(["gpu"], _compose.Services["silo-gpu"].Profiles);
    }

    [Fact]
    public void Gpu_CpuSilos_AdvertiseNoDevice()
    {
        foreach (var silo in _compose.Silos.Where(silo => silo.Name != "silo-gpu"))
        {
            Assert.False(silo.Environment.ContainsKey("Silo__Accelerator__DeviceCount"),
                $"'{silo.Name}' sets Silo__Accelerator__DeviceCount but reserves no GPU.");
        }
    }

    [Fact]
    public void Ports_Gateway_PublishesHttpGrpcAndHttps()
    {
        var containerPorts = _compose.Services["gateway-1"].PublishedPorts.Select(port => port.Container).ToList();

        Assert.Contains("8080", containerPorts);
        Assert.Contains("8081", containerPorts);
        Assert.Contains("8443", containerPorts);
    }

    [Fact]
    public void Ports_HostPorts_AreDistinct()
    {
        var hostPorts = _compose.Services.Values.SelectMany(service => service.PublishedPorts).Select(port => port.Host);

        var duplicates = hostPorts.GroupBy(port => port).Where(group => group.Count() > 1).Select(group => group.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Ports_Silos_PublishNothing()
    {
        foreach (var silo in _compose.Silos)
        {
            Assert.Empty(silo.PublishedPorts);
        }
    }

    [Fact]
    public void Cluster_AllProcesses_ShareClusterAndServiceIds()
    {
        var processes = _compose.Silos.Concat(_compose.Gateways).ToList();

        Assert.Single(processes.Select(process => process.Environment.GetValueOrDefault("Orleans__ClusterId")).Distinct());
        Assert.Single(processes.Select(process => process.Environment.GetValueOrDefault("Orleans__ServiceId")).Distinct());
    }

    [Fact]
    public void Secrets_Referenced_AreDeclared()
    {
        var declared = _compose.Root.MappingAt("secrets").Keys.OfType<string>().ToHashSet();

        foreach (var service in _compose.Services.Values)
        {
            foreach (var secret in service.Secrets)
            {
                Assert.True(declared.Contains(secret), $"'{service.Name}' uses the undeclared secret '{secret}'.");
            }
        }
    }

    [Fact]
    public void Secrets_DatabasePassword_NotInEnvironment()
    {
        foreach (var service in _compose.Services.Values)
        {
            foreach (var (name, value) in service.Environment)
            {
                Assert.DoesNotContain("Password=", value, StringComparison.OrdinalIgnoreCase);
                Assert.False(name is "PGPASSWORD" or "POSTGRES_PASSWORD",
                    $"'{service.Name}' sets {name} in plain text; use a secret file.");
            }
        }
    }

    [Fact]
    public void Secrets_PasswordFileVariables_NameMountedSecrets()
    {
        foreach (var service in _compose.Services.Values)
        {
            foreach (var (name, value) in service.Environment.Where(entry => entry.Key.EndsWith("_FILE", StringComparison.Ordinal)))
            {
                var secret = value.Replace("/run/secrets/", "", StringComparison.Ordinal);

                Assert.True(service.Secrets.Contains(secret), $"'{service.Name}' sets {name}={value} but does not mount it.");
            }
        }
    }
}
