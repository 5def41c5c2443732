//
//  PhoneViewController.m
//  HelpdeskPhone
//
//  Twilio Client iOS SDK 1.2 (CocoaPod "TwilioSDK"). Capability tokens only.
//

#import "PhoneViewController.h"
#import "TwilioClient.h"

static NSString *const kTokenURL = @"https://phone.example.com/token";

@interface PhoneViewController () <TCDeviceDelegate, TCConnectionDelegate>
@property (nonatomic, strong) TCDevice *device;
@property (nonatomic, strong) TCConnection *connection;
@end

@implementation PhoneViewController

- (void)viewDidLoad
{
    [super viewDidLoad];
    self.statusLabel.text = @"Connecting...";
    [self fetchTokenWithCompletion:^(NSString *token, NSError *error) {
        if (token == nil) {
            NSLog(@"token fetch failed: %@", error);
            return;
        }
        self.device = [[TCDevice alloc] initWithCapabilityToken:token delegate:self]; // capmig-expect: client-ios-tcdevice capability-client
    }];
}

- (void)fetchTokenWithCompletion:(void (^)(NSString *token, NSError *error))completion
{
    NSURL *url = [NSURL URLWithString:kTokenURL];
    NSURLSessionDataTask *task = [[NSURLSession sharedSession] dataTaskWithURL:url
        completionHandler:^(NSData *data, NSURLResponse *response, NSError *error) {
            NSString *token = nil;
            if (data != nil && error == nil) {
                token = [[NSString alloc] initWithData:data encoding:NSUTF8StringEncoding];
            }
            dispatch_async(dispatch_get_main_queue(), ^{
                completion(token, error);
            });
        }];
    [task resume];
}

- (void)refreshToken
{
    [self fetchTokenWithCompletion:^(NSString *token, NSError *error) {
        if (token != nil) {
            [self.device updateCapabilityToken:token]; // capmig-expect: client-ios-tcdevice capability-client
        }
    }];
}

- (IBAction)dialPressed:(id)sender
{
    NSDictionary *params = @{ @"To": self.numberField.text };
    self.connection = [self.device connect:params delegate:self];
}

- (IBAction)hangupPressed:(id)sender
{
    [self.connection disconnect];
}

#pragma mark - TCDeviceDelegate

- (void)deviceDidStartListeningForIncomingConnections:(TCDevice *)device
{
    self.statusLabel.text = @"Ready";
}

- (void)device:(TCDevice *)device didStopListeningForIncomingConnections:(NSError *)error
{
    self.statusLabel.text = @"Offline";
    if (error.code == 31205) { // token expired
        [self refreshToken];
    }
}

- (void)device:(TCDevice *)device didReceiveIncomingConnection:(TCConnection *)connection
{
    self.connection = connection;
    [connection accept];
}

#pragma mark - TCConnectionDelegate

- (void)connectionDidConnect:(TCConnection *)connection
{
    self.statusLabel.text = @"On call";
}

- (void)connectionDidDisconnect:(TCConnection *)connection
{
    self.connection = nil;
    self.statusLabel.text = @"Ready";
}

- (void)connection:(TCConnection *)connection didFailWithError:(NSError *)error
{
    NSLog(@"call failed: %@", error);
}

@end
