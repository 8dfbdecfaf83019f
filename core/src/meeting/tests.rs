//! Cases of meetings: invitations, turnout, edits through the dataset, merges between tablets.
