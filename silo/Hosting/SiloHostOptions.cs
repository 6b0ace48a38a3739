using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Hosting;

/// <summary>Settings of the silo process, read from the <c>Silo</c> configuration section.</summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "Silo";

    /// <summary>
    /// The addresses of the health and metrics endpoints, as ASP.NET Core URLs separated by ';'. Default
    /// <c>http://127.0.0.1:8090</c>. Containers set <c>http://+:8090</c> so that probes from outside reach it.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Silo:Urls must name at least one address, such as http://+:8090.")]
    public string Urls { get; set; } = "http://127.0.0.1:8090";

    /// <summary>
    /// Whether to run Orleans' Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes). Default false. When true,
    /// the silo names itself after its pod, labels the pod with <c>orleans/serviceId</c> and <c>orleans/clusterId</c>,
    /// declares silos dead when their pods are deleted and deletes the pods of dead silos. It needs the environment
    /// variables <c>POD_NAME</c> and <c>POD_NAMESPACE</c>, and a role that may get, list, watch, patch and delete pods.
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>The GPUs that this silo offers to inference grains.</summary>
    [Required(ErrorMessage = "Silo:Accelerator must not be null.")]
    public AcceleratorOptions Accelerator { get; set; } = new();
}
