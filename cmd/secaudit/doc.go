/*
Command secaudit audits a repository in one pass — exposed secrets,
vulnerable dependencies (offline OSV database), Docker/container
misconfigurations and code-security issues — and collapses the result into
one priority exit code that CI systems branch on:

	3  exposed secrets                     Security Team (P0, page)
	2  critical vulnerabilities            Security Team (P0, page)
	4  high severity (with --fail-on-high) Platform Team (P1)
	5  Docker/container issues             Infrastructure Team (P2)
	6  code security issues                Development Team (P2)
	1  general failure, or incomplete run  DevOps Team
	0  no issues found

The first class present, top to bottom, sets the code; every class present
is listed in the reports and routed. A usage error or a run that could not
complete is 1, never 2-6. 'secaudit exit-codes' prints the table in force
(classes are data in .secaudit.yaml).

Usage:

	secaudit scan [PATH]            audit and exit with the priority code
	secaudit route [REPORT.json]    send each class to its owning team
	secaudit route test --exit-code N
	secaudit db update | status     manage the offline OSV database
	secaudit exit-codes             print the exit-code contract
	secaudit config validate        check .secaudit.yaml
	secaudit version
*/
package main
