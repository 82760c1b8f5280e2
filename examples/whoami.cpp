// whoami: the account, ARN and user id of the credentials this machine resolves, as
// `aws sts get-caller-identity` shows them. With a profile that assumes a role
// (AWS_PROFILE=assumed whoami), it shows the assumed role.
//
// Credentials, region and endpoint resolve as for the AWS CLI; STS is called at its regional
// endpoint (AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL aim it elsewhere).
#include <awsdirect/sts.hpp>

#include <iostream>
#include <string>

int main(int argc, char**) {
  if (argc > 1) {
    std::cerr << "usage: whoami   (takes no arguments; set AWS_PROFILE, AWS_REGION, ... as for the AWS CLI)\n";
    return 2;
  }
  try {
    awsdirect::Sts sts;
    awsdirect::sts::CallerIdentity me = sts.callerIdentity().value();
    std::cout << "account:  " << me.account << "\n"
              << "arn:      " << me.arn << "\n"
              << "user id:  " << me.userId << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "whoami: " << e.what() << "\n";
  }
  return 1;
}
