import { ServiceEntity } from '../directory/service.entity.js';
import { StaffUserEntity } from '../identity/staff-user.entity.js';
import { ChannelCredentialEntity } from '../tenancy/channel-credential.entity.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import { PrivacyNoticeEntity } from '../tenancy/privacy-notice.entity.js';

/** Every entity. The data source of the app, the CLI and the tests is built from this one list. */
export const ENTITIES = [OrganisationEntity, PrivacyNoticeEntity, ChannelCredentialEntity, ServiceEntity, StaffUserEntity];
