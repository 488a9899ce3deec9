using System;
using ExoIp.Exoscale;

namespace ExoIp.Configuration;

/// <summary>
/// A watchdog was asked to watch over a managed Elastic IP (one with a health check of its own): refused before
/// anything changes, because the two would fight over the holders. A configuration error: hosts exit 2.
/// </summary>
public sealed class ManagedElasticIpException : ConfigurationException
{
    /// <summary>Creates the exception for <paramref name="elasticIp"/>.</summary>
    public ManagedElasticIpException(ElasticIp elasticIp)
        : base("ElasticIp", $"Elastic IP {elasticIp.Ip} ({elasticIp.Id}) is managed: Exoscale health-checks every instance it is attached to " +
               $"({elasticIp.Healthcheck}) and routes it only to the healthy ones, so it is meant to stay attached to several instances. " +
               "A watchdog keeps an Elastic IP on exactly one instance and would detach the others, defeating that. " +
               "Either let Exoscale do the failover (attach the address to each instance, e.g. with -A or Add-ExoElasticIp, and run no watchdog), " +
               "or give the watchdog an unmanaged Elastic IP (one without a health check: exo compute elastic-ip create without --healthcheck-mode), " +
               "or remove this one's health check first.")
    {
        ElasticIp = elasticIp;
    }

    /// <summary>The managed Elastic IP.</summary>
    public ElasticIp ElasticIp { get; }
}
