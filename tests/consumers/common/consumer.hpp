#pragma once
// What every consumer project builds: a program that uses awsdirect the way an application does,
// offline. Two files include awsdirect, so a definition compiled twice fails the link.
#include <string>

// Signs the request of a case of the AWS SigV4 test suite (its folder) and returns "" when the
// signature is the published one, else what differed.
std::string signSuiteCase(const std::string& caseDir);

// Sends a CreateCluster whose identifier breaks Redshift's rules and returns "" when awsdirect
// refuses it before the network, naming the field, else what happened.
std::string refuseBadClusterIdentifier();
